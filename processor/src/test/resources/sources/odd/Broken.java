package odd;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Tool;

/** A valid tool next to an invalid run: the class gets no generated code and no catalog entry. */
public class Broken {

    @AgentRun(name = " ")
    public String run() {
        return "";
    }

    @Tool
    public String search(String query) {
        return "";
    }
}
