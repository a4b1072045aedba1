package dev.agentotel.processor.validate;

import java.util.Locale;
import javax.tools.Diagnostic.Kind;

/**
 * Every message the processor reports, in one place: an id users can search for
 * ({@code AGENTOTEL-001} onwards), its severity and its text in the form <em>what is wrong. Why it
 * matters. How to fix it.</em> Ids are never renumbered or reused; a new message takes the next one.
 *
 * <p>Texts are {@link String#format} templates; their arguments are listed with each constant. A
 * message is reported on the most precise position known: the annotation value at fault, else the
 * parameter, else the annotation, else the method. Nothing is generated for a class with an error.
 * Warnings do not stop generation, wait until their class has no errors, and are silenced by
 * {@code @SuppressWarnings("agentotel")}, or by the message's id, on the element reported or one
 * enclosing it.
 *
 * <p>Some mistakes cannot be reported, because javac does not show them to annotation processors:
 * annotated methods of local and anonymous classes (enum constant bodies included) and markers on
 * lambda parameters. Synthetic and bridge methods carry no source annotations to check.
 */
public enum Message {

    /** Arguments: first annotation, second annotation. */
    SPAN_ANNOTATIONS_COMBINED(1, Kind.ERROR,
            "@%s and @%s are both on this method. A method runs inside exactly one span, so one of them would"
                    + " be ignored. Keep one of them, or split the method into two methods with one annotation each."),

    /** Arguments: annotation. */
    ABSTRACT_METHOD(2, Kind.ERROR,
            "@%s is on an abstract method. An abstract method has no body to run inside a span, so the"
                    + " annotation would never fire. Put @%1$s on the method that implements it."),

    /** Arguments: annotation, interface. */
    INTERFACE_METHOD(3, Kind.ERROR,
            "@%s is on an abstract method of interface %s. Implementing methods do not inherit annotations from"
                    + " interface methods, and only method bodies are woven, so the annotation would never fire. Put"
                    + " @%1$s on the implementing class's method, or give this method a body (default, static or"
                    + " private methods of interfaces are instrumented)."),

    /** Arguments: annotation. */
    NATIVE_METHOD(4, Kind.ERROR,
            "@%s is on a native method. A native method has no Java bytecode to weave, so the annotation would"
                    + " never fire. Annotate the Java method that calls it."),

    /** Arguments: return type, supported types. */
    LLM_CALL_UNSUPPORTED_RETURN(5, Kind.ERROR,
            "@LlmCall method returns %s, which agentotel cannot read. The span's response model, token usage"
                    + " and finish reasons are read from the returned value. Return one of: %s."),

    /** Arguments: return type, supported types. */
    LLM_CALL_BLOCKING_FUTURE(6, Kind.ERROR,
            "@LlmCall method returns %s, a Future that only tells it is done when someone blocks on it. The span"
                    + " must end when the call completes, without blocking any thread. Return a"
                    + " java.util.concurrent.CompletableFuture (openai-java's async client does), or one of: %s."),

    /** Arguments: method, operation. */
    LLM_CALL_WITHOUT_MODEL(7, Kind.ERROR,
            "@LlmCall method %s has no request parameter and its annotation names no model. Without either,"
                    + " the span cannot record gen_ai.request.model and would be named only \"%s\". Add a"
                    + " com.openai.models.chat.completions.ChatCompletionCreateParams,"
                    + " com.openai.models.embeddings.EmbeddingCreateParams or"
                    + " com.openai.models.responses.ResponseCreateParams parameter, or set @LlmCall(model = \"...\")."),

    /** Arguments: annotation, attribute, value, telemetry it becomes. */
    BLANK_VALUE(8, Kind.ERROR,
            "@%s(%s = \"%s\") is blank. It becomes %s, which every backend groups and filters by. Give it a"
                    + " non-blank value."),

    /** Arguments: value. */
    MAX_ITERATIONS_TOO_SMALL(9, Kind.ERROR,
            "@AgentRun(maxIterations = %d) is less than 1. A run that may not iterate cannot do any work, and"
                    + " every run would be reported as over its iteration budget. Set maxIterations to 1 or more"
                    + " (the default is 10)."),

    /** Arguments: marker, parameter, type, telemetry it becomes, accepted types. */
    MARKER_WRONG_TYPE(10, Kind.ERROR,
            "@%s parameter %s has type %s. Its value is recorded as %s and needs a stable text form. Declare"
                    + " it as %s."),

    /** Arguments: marker, first parameter, second parameter. */
    MARKER_DUPLICATED(11, Kind.ERROR,
            "@%s is on more than one parameter (%s and %s). A span records one value, so one of them would be"
                    + " ignored. Keep @%1$s on one parameter."),

    /** Arguments: marker, parameter. */
    MARKER_WITHOUT_SPAN(12, Kind.ERROR,
            "@%s is on parameter %s of a method without @AgentRun, @Iteration, @LlmCall or @Tool. Only"
                    + " instrumented methods read parameter markers, so it would be ignored. Annotate the method,"
                    + " or remove @%1$s."),

    /** Arguments: marker, span annotation, span annotations that read the marker. */
    MARKER_NOT_READ(13, Kind.ERROR,
            "@%s is on a parameter of an @%s method, which does not read it. Only %s methods read @%1$s, so it"
                    + " would be ignored. Move @%1$s to such a method, or remove it."),

    /** Arguments: name. */
    TOOL_NAME_INVALID(14, Kind.ERROR,
            "@Tool(name = \"%s\") is not a valid tool name. Model providers accept only tool names matching"
                    + " ^[a-zA-Z0-9_-]{1,64}$ (OpenAI rejects the request otherwise), and gen_ai.tool.name must be the"
                    + " name the model calls the tool by. Use 1 to 64 ASCII letters, digits, '_' or '-'."),

    /** Arguments: method name. */
    TOOL_METHOD_NAME_INVALID(15, Kind.ERROR,
            "@Tool has no name, so the tool is named after its method, %s, which is not a valid tool name. Model"
                    + " providers accept only tool names matching ^[a-zA-Z0-9_-]{1,64}$ (OpenAI rejects the request"
                    + " otherwise), and gen_ai.tool.name must be the name the model calls the tool by. Set"
                    + " @Tool(name = \"...\") to 1 to 64 ASCII letters, digits, '_' or '-'."),

    /** Arguments: name, the method already named so. */
    TOOL_NAME_DUPLICATED(16, Kind.ERROR,
            "Tool name \"%s\" is already the name of @Tool method %s in this class. The model calls a tool by its"
                    + " name, so the two tools could not be told apart, neither by the model nor in"
                    + " gen_ai.tool.name. Give each @Tool method of the class its own name with"
                    + " @Tool(name = \"...\")."),

    /** Arguments: class. */
    ITERATION_WITHOUT_RUN(17, Kind.WARNING,
            "@Iteration is on a method of %s, which neither declares nor inherits an @AgentRun method. That is"
                    + " fine when a run in another class calls it, but an iteration is numbered, and counted in its"
                    + " run, only when the run is current on the calling thread; outside a run its span has no number"
                    + " and is not part of the run's trace. Make sure an @AgentRun method calls it, on the same thread"
                    + " or through dev.agentotel.telemetry.AgentContext, then silence this warning with"
                    + " @SuppressWarnings(\"" + Message.SUPPRESSION + "\") on the method or class."),

    /** Arguments: operation, how to fix it (the closest operation, or a pointer to all). */
    LLM_CALL_UNKNOWN_OPERATION(18, Kind.ERROR,
            "@LlmCall(operation = \"%s\") is not an operation of a model call. It becomes gen_ai.operation.name"
                    + " and the first word of the span name, which backends group model calls by, and only chat,"
                    + " embeddings, text_completion and generate_content are model calls (create_agent, invoke_agent"
                    + " and execute_tool are operations of agents and tools, which @AgentRun and @Tool record). %s"),

    /** Arguments: method, first request parameter, second request parameter. */
    LLM_CALL_TWO_REQUESTS(19, Kind.ERROR,
            "@LlmCall method %s takes more than one request (%s and %s). A span describes one model call and reads"
                    + " the model and sampling parameters of one request, so %3$s would be ignored. Take one request"
                    + " parameter, or split the method into one @LlmCall method per request."),

    /** Arguments: return type, supported types. */
    LLM_CALL_GENERIC_RETURN(20, Kind.ERROR,
            "@LlmCall method returns %s, which leaves the response type open: a type variable, a wildcard or a"
                    + " raw type. The span's response model, token usage and finish reasons are read by code"
                    + " generated for the declared response type, since generics are erased at run time. Declare"
                    + " the response type: return one of: %s."),

    /** Arguments: marker, parameter. */
    MARKER_ON_CONSTRUCTOR(21, Kind.ERROR,
            "@%s is on parameter %s of a constructor. Only methods annotated with @AgentRun, @Iteration, @LlmCall"
                    + " or @Tool read parameter markers, and constructors cannot carry these, so it would be ignored."
                    + " Move @%1$s to a parameter of such a method, or remove it."),

    /** Arguments: generated class, annotated class, failure. */
    GENERATED_CLASS_NOT_WRITTEN(22, Kind.ERROR,
            "Could not write %s for %s: %s. Without it the annotated methods of %2$s would run without their"
                    + " telemetry's arguments and results. If another class already has that name (a nested class"
                    + " Outer.Inner and a class Outer_Inner get the same one), rename one of them; otherwise run a"
                    + " clean build, and if it persists, report it with this message."),

    /** Arguments: resource path, failure, what reads the resource. */
    RESOURCE_NOT_WRITTEN(23, Kind.ERROR,
            "Could not write %s: %s. %s Unless another annotation processor writes the same file, run a clean"
                    + " build; if it persists, report it with this message.");

    /** Prefix of every message, so that build logs can be searched for it. */
    public static final String TAG = "[agentotel]";

    /**
     * What {@code @SuppressWarnings} names, on the element reported or one enclosing it, to silence
     * every agentotel warning; a message's {@link #id()} silences that message only. Errors cannot
     * be silenced.
     */
    public static final String SUPPRESSION = "agentotel";

    private final String id;
    private final Kind kind;
    private final String template;

    Message(int number, Kind kind, String template) {
        this.id = String.format(Locale.ROOT, "AGENTOTEL-%03d", number);
        this.kind = kind;
        this.template = template;
    }

    /** {@code AGENTOTEL-001}, ... */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The complete text reported for these arguments. */
    public String format(Object... arguments) {
        return TAG + ' ' + id + ": " + String.format(Locale.ROOT, template, arguments);
    }
}
