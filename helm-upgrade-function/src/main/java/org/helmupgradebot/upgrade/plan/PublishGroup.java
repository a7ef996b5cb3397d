package org.helmupgradebot.upgrade.plan;

import java.util.List;
import java.util.Map;

/**
 * Bumps published together as one pull request: the target's own, or one {@code major: separate} bump.
 *
 * @param name names the bot's branch {@code helm-upgrade-bot/<name>}: the target name, or
 *     {@code <target>-<dependency>-major}
 * @param bumps the bump rows in it
 * @param edits file path to new text, made from the files as read with only these bumps applied (verified)
 */
public record PublishGroup(String name, List<PlanRow> bumps, Map<String, String> edits) {
    public PublishGroup {
        bumps = List.copyOf(bumps);
        edits = Map.copyOf(edits);
    }

    /** The group name of a separate major bump of {@code dependency} in {@code target}, safe in a branch name. */
    public static String majorName(String target, String dependency) {
        String dep = dependency.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return target + "-" + dep + "-major";
    }
}
