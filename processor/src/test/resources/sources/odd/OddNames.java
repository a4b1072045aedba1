package odd;

import com.openai.models.chat.completions.ChatCompletion;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.Tool;

/** Names a catalog must escape: quotes, backslashes, backticks, control and non-ASCII characters. */
public class OddNames {

    @AgentRun(name = "say \"hi\" \\ to `you`\n\t\u0001 \u2028 é 😀 \uD800")
    public String run() {
        return "";
    }

    @LlmCall(model = "``tick``")
    public ChatCompletion tick() {
        return null;
    }

    @Tool(name = "tock", description = "``tock`` \u2028 \uDC00")
    public void tock() {
    }
}
