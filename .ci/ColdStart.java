import com.microsoft.azure.functions.ExecutionContext;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Measures a function's cold start the way the worker meets it: in a fresh JVM, load the function class,
 * construct it with its no-argument constructor, call its method with a timer payload, and report the time
 * from JVM start to the first log line and to the end of the invocation; exits 1 when the invocation failed. Used by .ci/cold-start.
 */
public final class ColdStart {
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long[] firstLog = {0};
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.setLevel(Level.ALL);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (firstLog[0] == 0) {
                    firstLog[0] = System.currentTimeMillis();
                }
                System.err.println("  log: " + r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        ExecutionContext context = new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return log;
            }

            @Override
            public String getInvocationId() {
                return "cold-start";
            }

            @Override
            public String getFunctionName() {
                return args[0];
            }
        };
        Class<?> type = Class.forName(args[0]);
        Object function = type.getConstructor().newInstance();
        Method run = type.getMethod("run", String.class, ExecutionContext.class);
        String outcome = "succeeded";
        try {
            run.invoke(function, "{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}", context);
        } catch (java.lang.reflect.InvocationTargetException e) {
            outcome = "failed: " + e.getCause().getMessage();
        }
        long end = System.currentTimeMillis();
        System.out.printf("%s: JVM start to first log line %d ms, to end of invocation %d ms, %d classes loaded (%s)%n",
                type.getSimpleName(), firstLog[0] - jvmStart, end - jvmStart,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(), outcome);
        if (!outcome.equals("succeeded")) {
            System.exit(1);
        }
    }
}
