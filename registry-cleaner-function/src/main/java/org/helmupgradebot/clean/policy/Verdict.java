package org.helmupgradebot.clean.policy;

/**
 * The policy's answer for one manifest.
 *
 * @param delete true when the age pass deletes it
 * @param reason why, in a few words, for the report
 * @param protectedRow true when nothing may delete it (lock, keep rule, dependency, unknown date); false for
 *     a row kept only because it is young enough, which aggressive mode may still delete
 */
public record Verdict(boolean delete, String reason, boolean protectedRow) {
    public static Verdict delete(String reason) {
        return new Verdict(true, reason, false);
    }

    public static Verdict protect(String reason) {
        return new Verdict(false, reason, true);
    }

    public static Verdict keep(String reason) {
        return new Verdict(false, reason, false);
    }
}
