/**
 * Publishing: turns an upgrade plan's edited files into one pull request per target on GitHub,
 * through the REST API with no clone (github-api over {@link org.helmupgradebot.upgrade.publish.GitHubHttpConnector}, the shared HTTP layer).
 *
 * <p>Entry points: {@link org.helmupgradebot.upgrade.publish.GitHubSession#connect} (endpoint, auth, repo),
 * {@link org.helmupgradebot.upgrade.publish.GitHubFiles#read} (pinned files at one commit of a branch) and
 * {@link org.helmupgradebot.upgrade.publish.PullRequestPublisher#publish} (a
 * {@link org.helmupgradebot.upgrade.publish.ChangeSet} to a {@link org.helmupgradebot.upgrade.publish.PublishResult}).
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
