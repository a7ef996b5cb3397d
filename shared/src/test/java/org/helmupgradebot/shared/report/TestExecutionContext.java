package org.helmupgradebot.shared.report;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Logger;

/** The ExecutionContext the Functions worker would pass, with a logger that keeps its lines for tests. */
public final class TestExecutionContext implements ExecutionContext {
    private final RecordingLogger log;
    private final String functionName;

    public TestExecutionContext(RecordingLogger log, String functionName) {
        this.log = log;
        this.functionName = functionName;
    }

    @Override
    public Logger getLogger() {
        return log.logger();
    }

    @Override
    public String getInvocationId() {
        return "test-invocation";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
