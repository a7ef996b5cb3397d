package org.helmupgradebot.shared.report;

import org.helmupgradebot.shared.http.AzureSdkHttp;
import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.helmupgradebot.shared.secrets.AzureErrors;

/**
 * Writes each report to a blob container as {@code <job>/<yyyy-MM-dd'T'HHmmss'Z'>.md} and {@code .json}, and
 * its attachments as {@code <job>/<yyyy-MM-dd'T'HHmmss'Z'>-<name>} (the Markdown links to them there), through the app's identity (Storage Blob Data Contributor on the container; no keys, no SAS).
 */
public final class BlobReportSink implements ReportSink {
    static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final URI containerUrl;
    private final BlobContainerClient container;
    private final Clock clock;

    BlobReportSink(URI containerUrl, BlobContainerClient container, Clock clock) {
        this.containerUrl = containerUrl;
        this.container = container;
        this.clock = clock;
    }

    /** A sink for the container at {@code containerUrl} (https://account.blob.core.windows.net/reports). */
    public static BlobReportSink connect(URI containerUrl, TokenCredential credential) {
        return new BlobReportSink(containerUrl, clientBuilder(containerUrl, credential).buildClient(), Clock.systemUTC());
    }

    static BlobContainerClientBuilder clientBuilder(URI containerUrl, TokenCredential credential) {
        return new BlobContainerClientBuilder()
                .endpoint(containerUrl.toString())
                .credential(credential)
                .clientOptions(AzureSdkHttp.clientOptions())
                .retryOptions(AzureSdkHttp.retryOptions());
    }

    /** The blob name without extension for a run of {@code job} at the clock's now. */
    String baseName(String job) {
        return job + "/" + NAME_TIME.format(clock.instant());
    }

    @Override
    public List<String> write(JobReport report) {
        String base = baseName(report.job());
        List<String> written = new ArrayList<>();
        String time = base.substring(base.lastIndexOf('/') + 1);
        for (JobReport.Attachment a : report.attachments()) {
            upload(base + "-" + a.name(), BinaryData.fromBytes(a.content()), a.contentType());
            written.add(base + "-" + a.name());
        }
        upload(base + ".md", report.markdownLinkingAttachmentsAs(time + "-"), "text/markdown; charset=utf-8");
        written.add(base + ".md");
        upload(base + ".json", report.json(), "application/json; charset=utf-8");
        written.add(base + ".json");
        return written;
    }

    private void upload(String name, String content, String contentType) {
        upload(name, BinaryData.fromString(content), contentType);
    }

    private void upload(String name, BinaryData content, String contentType) {
        try {
            container.getBlobClient(name).uploadWithResponse(
                    new BlobParallelUploadOptions(content)
                            .setHeaders(new BlobHttpHeaders().setContentType(contentType)),
                    Duration.ofSeconds(60), Context.NONE);
        } catch (RuntimeException e) {
            int status = AzureErrors.status(e);
            String why = switch (status) {
                case -1 -> "unreachable (" + AzureErrors.transportProblem(e) + ")";
                case 403 -> "denied (403); give this app's identity the Storage Blob Data Contributor role on the container";
                case 404 -> "container not found (404)";
                default -> "HTTP " + status;
            };
            throw new ReportSinkException("report container " + containerUrl + ": could not write '" + name + "': " + why);
        }
    }
}
