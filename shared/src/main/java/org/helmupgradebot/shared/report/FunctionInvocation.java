package org.helmupgradebot.shared.report;

import com.azure.core.credential.TokenCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.secrets.AzureErrors;
import org.helmupgradebot.shared.secrets.Credentials;
import org.helmupgradebot.shared.secrets.Redactor;
import org.helmupgradebot.shared.secrets.SecretSource;
import org.helmupgradebot.shared.secrets.SecretSources;
import org.helmupgradebot.shared.settings.HostSettings;
import org.helmupgradebot.shared.settings.SettingsException;

/**
 * One timer-triggered invocation around a job: read settings, build and run the job, log the report,
 * store it when a container is configured, and fail the invocation when the run failed.
 */
public final class FunctionInvocation {
    private static final Pattern PAST_DUE = Pattern.compile("\"isPastDue\"\\s*:\\s*true", Pattern.CASE_INSENSITIVE);

    /** Builds the job for one invocation. */
    @FunctionalInterface
    public interface JobFactory {
        Job create(JobSetup setup);

        /**
         * The job's own settings problems, one line each; checked before anything runs, together with
         * the host settings' problems, so that every problem is reported at once.
         */
        default List<String> settingsProblems(Map<String, String> settings) {
            return List.of();
        }
    }

    /** Where reports are stored besides the log, if anywhere. */
    @FunctionalInterface
    public interface SinkFactory {
        Optional<ReportSink> create(HostSettings settings, Supplier<TokenCredential> credential);
    }

    /** Blob storage when REPORT_CONTAINER_URL is set, else nothing. */
    public static final SinkFactory BLOB_WHEN_CONFIGURED = (settings, credential) ->
            settings.reportContainerUrl().map(url -> BlobReportSink.connect(url, credential.get()));

    private final String jobName;
    private final String dryRunSetting;
    private final Map<String, String> environment;
    private final SinkFactory sinks;

    /**
     * @param jobName e.g. {@code helm-upgrade}
     * @param dryRunSetting e.g. {@code UPGRADE_DRY_RUN}
     * @param environment the app settings (System.getenv() in Azure)
     */
    public FunctionInvocation(String jobName, String dryRunSetting, Map<String, String> environment, SinkFactory sinks) {
        this.jobName = jobName;
        this.dryRunSetting = dryRunSetting;
        this.environment = Map.copyOf(environment);
        this.sinks = sinks;
    }

    /** Whether the timer trigger's JSON says this run is late (a run was missed). */
    public static boolean isPastDue(String timerJson) {
        return timerJson != null && PAST_DUE.matcher(timerJson).find();
    }

    /**
     * Runs the job once.
     *
     * @return the report when the run succeeded
     * @throws JobFailedException when settings, secrets, the run or storing the report failed
     */
    public JobReport run(String timerJson, Logger log, JobFactory jobs) {
        log.info(jobName + ": timer fired, isPastDue=" + isPastDue(timerJson));
        Redactor redactor = new Redactor();
        HostSettings settings = null;
        List<String> problems = new ArrayList<>();
        try {
            settings = HostSettings.read(environment, dryRunSetting);
        } catch (SettingsException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(jobs.settingsProblems(environment));
        if (!problems.isEmpty()) {
            problems.forEach(p -> log.severe(redactor.redact(jobName + ": " + p)));
            throw new JobFailedException(redactor.redact(jobName + ": " + problems.size()
                    + " setting(s) missing or invalid: " + problems.get(0)
                    + (problems.size() > 1 ? " (and more, see the log)" : "")));
        }
        HostSettings host = settings;
        log.info(jobName + ": " + (host.dryRun() ? "dry run (" + dryRunSetting + "=true): report only" : "real run")
                + ", credential " + host.credential().kind().word()
                + ", reports " + host.reportContainerUrl().map(Object::toString).orElse("to the log only"));
        Supplier<TokenCredential> credential = once(() -> Credentials.create(host.credential(), environment, redactor));
        JobReport report;
        List<String> stored = List.of();
        try {
            SecretSource secrets = SecretSources.fromSettings(host, environment, credential, redactor);
            Job job = jobs.create(new JobSetup(environment, host, secrets, credential, redactor, log));
            report = job.run();
            String text = redactor.redact(report.text());
            if (report.failed()) {
                log.severe(text);
            } else {
                log.info(text);
            }
            Optional<ReportSink> sink = sinks.create(host, credential);
            if (sink.isPresent()) {
                stored = sink.get().write(redacted(report, redactor));
                log.info(jobName + ": report stored as " + String.join(", ", stored));
            }
        } catch (RuntimeException e) {
            String line = redactor.redact(jobName + ": " + AzureErrors.firstLine(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            log.severe(line);
            throw new JobFailedException(line);
        }
        if (report.failed()) {
            throw new JobFailedException(jobName + ": run failed with exit code " + report.exitCode()
                    + "; the report above says why");
        }
        return report;
    }

    private static JobReport redacted(JobReport r, Redactor redactor) {
        return new JobReport(r.job(), r.exitCode(), redactor.redact(r.text()), redactor.redact(r.markdown()),
                redactor.redact(r.json()), r.attachments());
    }

    // The credential loads azure-identity: build it only when Key Vault, blob storage or the job needs it.
    private static <T> Supplier<T> once(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
