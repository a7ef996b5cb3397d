package org.helmupgradebot.upgrade.publish;

import java.io.IOException;

/** Runs one GitHub call and turns its failure into a one-line {@link PublishException} naming the step. */
final class Steps {
    /** A GitHub call. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    private Steps() {}

    static <T> T call(String step, String repo, Call<T> call) {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            if (e instanceof PlatformException p) {
                throw p;
            }
            throw GitHubErrors.explain(step, repo, e);
        }
    }
}
