/**
 * Publishing: turns an upgrade plan's edited files into one pull request per target, with no clone,
 * and keeps a dashboard issue per target.
 *
 * <p>The convergence rules ({@link org.helmupgradebot.upgrade.publish.PullRequestPublisher},
 * {@link org.helmupgradebot.upgrade.publish.DashboardPublisher}) are written against
 * {@link org.helmupgradebot.upgrade.publish.CodePlatform}; {@link org.helmupgradebot.upgrade.publish.GitHubPlatform}
 * implements it on GitHub's REST API (github-api over a {@link org.helmupgradebot.upgrade.publish.GitHubSession}, whose
 * {@link org.helmupgradebot.upgrade.publish.GitHubHttpConnector} sends through the shared HTTP layer).
 * The run reaches all of it through {@link org.helmupgradebot.upgrade.publish.TargetPublishing}
 * ({@link org.helmupgradebot.upgrade.publish.PlatformPublishing#github}); files are read at one commit by
 * {@link org.helmupgradebot.upgrade.publish.RepositoryFiles}.
 *
 * <p>Access the bot needs on the config repository. Fine-grained personal access token or GitHub App:
 * "Contents: Read and write" and "Pull requests: Read and write" (metadata read is implied). Classic token:
 * {@code public_repo} (or {@code repo} for a private config repo). Fork mode pushes to the bot account's fork
 * instead (created when missing, never deleted, so {@code delete_repo} is never needed); the token then needs
 * contents write on the fork and pull requests write on the config repo. A GitHub App signs a JWT with its
 * private key (PKCS#1 as GitHub hands it out, or PKCS#8) and exchanges it for an installation token on the
 * config repository's installation.
 */
package org.helmupgradebot.upgrade.publish;
