package dev.agentotel.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/** Does one thing with the Filer in the first round, as another processor in a user's build would. */
final class FirstRoundProcessor extends AnyAnnotationProcessor {

    /** What to write. */
    interface Action {
        void run(Filer filer) throws IOException;
    }

    private final Action action;
    private boolean done;

    FirstRoundProcessor(Action action) {
        this.action = action;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!done) {
            done = true;
            try {
                action.run(processingEnv.getFiler());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
