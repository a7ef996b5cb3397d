package org.helmupgradebot.upgrade.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stateful GitHub stand-in on loopback: repositories with refs and tags, one git object store shared
 * by a fork network (as on GitHub), pull requests, issues, labels, reviewers, comments and commit
 * comparisons, answering in the shapes of {@link GitHubTemplates} (this project's templates from the REST
 * reference by default, or the real recordings). It logs every request and can inject faults.
 */
final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the fake saw it. */
    record Request(String method, String path, int status) {
        boolean isWrite() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    /** An injected failure: answer {@code status} to matching requests, {@code times} times. */
    static final class Fault {
        final String method;
        final Pattern path;
        final int status;
        final Map<String, String> headers;
        final boolean afterApplying;
        int times;
        /** When positive: hold the answer this long (past the client's timeout), then answer normally. */
        long delayMillis;

        Fault(String method, String pathRegex, int status, Map<String, String> headers, boolean afterApplying,
              int times) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.status = status;
            this.headers = headers;
            this.afterApplying = afterApplying;
            this.times = times;
        }
    }

    record Commit(String tree, List<String> parents, String authorName, String authorEmail, String date,
                  String message) {}

    static final class Repo {
        final String owner;
        final String name;
        final String defaultBranch;
        final Map<String, String> refs = new TreeMap<>();
        final List<Pull> pulls = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();
        boolean readOnly;
        String parent;

        Repo(String owner, String name, String defaultBranch) {
            this.owner = owner;
            this.name = name;
            this.defaultBranch = defaultBranch;
        }

        String fullName() {
            return owner + "/" + name;
        }
    }

    static final class Pull {
        int number;
        String title;
        String body;
        String state = "open";
        String headOwner;
        String headRef;
        String baseRef;
        String lastHeadSha;
        final List<String> labels = new ArrayList<>();
        final List<String> reviewers = new ArrayList<>();
        final List<Map<String, String>> comments = new ArrayList<>();
    }

    /** An issue (not a pull request). */
    static final class Issue {
        int number;
        String title;
        String body;
        String state = "open";
        String user;
        final List<Map<String, String>> comments = new ArrayList<>();
    }

    private final GitHubTemplates templates;
    private final HttpServer server;
    private final String base;
    private final Map<String, String> tokens = new LinkedHashMap<>(); // token -> login
    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> trees = new LinkedHashMap<>(); // sha -> path -> blob
    private final Map<String, Commit> commits = new LinkedHashMap<>();
    private final Map<String, Repo> repos = new LinkedHashMap<>();
    private final List<Request> log = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private int nextNumber = 1;
    private int nextCommentId = 1000;
    private int maxPageSize = 100;
    // GitHub App emulation: the app's public key, id, and the installation tokens handed out.
    private PublicKey appKey;
    private String appId;

    FakeGitHub() throws IOException {
        this(GitHubTemplates.written());
    }

    FakeGitHub(GitHubTemplates templates) throws IOException {
        this.templates = templates;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return base;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // --- set-up and inspection for tests ---

    synchronized void addToken(String token, String login) {
        tokens.put(token, login);
    }

    synchronized void enableApp(String id, PublicKey publicKey) {
        this.appId = id;
        this.appKey = publicKey;
    }

    synchronized void maxPageSize(int size) {
        this.maxPageSize = size;
    }

    synchronized Repo createRepo(String fullName, String branch, Map<String, String> files) {
        String[] on = fullName.split("/");
        Repo repo = new Repo(on[0], on[1], branch);
        repos.put(fullName, repo);
        Map<String, String> tree = new TreeMap<>();
        files.forEach((p, c) -> tree.put(p, putBlob(c.getBytes(StandardCharsets.UTF_8))));
        String treeSha = putTree(tree);
        repo.refs.put("refs/heads/" + branch, putCommit(new Commit(treeSha, List.of(), "Maintainer",
                "maintainer@example.org", "2026-01-01T00:00:00Z", "initial")));
        return repo;
    }

    /** A person commits {@code files} on top of {@code branch} (a push, as through the web editor). */
    synchronized String push(String fullName, String branch, String author, Map<String, String> files) {
        Repo repo = repos.get(fullName);
        String head = repo.refs.get("refs/heads/" + branch);
        Map<String, String> tree = new TreeMap<>(trees.get(commits.get(head).tree()));
        files.forEach((p, c) -> tree.put(p, putBlob(c.getBytes(StandardCharsets.UTF_8))));
        String sha = putCommit(new Commit(putTree(tree), List.of(head), author, author + "@example.org",
                Instant.now().toString(), "edit by " + author));
        repo.refs.put("refs/heads/" + branch, sha);
        return sha;
    }

    /** Opens a pull request directly (as another tool or person would), without checks. */
    synchronized Pull addPull(String fullName, String headOwner, String headRef, String baseRef, String title) {
        Pull pull = new Pull();
        pull.number = nextNumber++;
        pull.title = title;
        pull.body = "opened elsewhere";
        pull.headOwner = headOwner;
        pull.headRef = headRef;
        pull.baseRef = baseRef;
        repos.get(fullName).pulls.add(pull);
        return pull;
    }

    /**
     * Commits {@code messages} one after another on {@code branch}, each by its author (message, author
     * name pairs), as merges into a source repository would; returns the new commits' shas in order.
     */
    synchronized List<String> commitChain(String fullName, String branch, List<String[]> messages) {
        Repo repo = repos.get(fullName);
        List<String> shas = new ArrayList<>();
        for (String[] m : messages) {
            String head = repo.refs.get("refs/heads/" + branch);
            String sha = putCommit(new Commit(commits.get(head).tree(), List.of(head), m[1],
                    m[1].toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org",
                    "2021-01-0" + (1 + shas.size() % 9) + "T00:00:00Z", m[0]));
            repo.refs.put("refs/heads/" + branch, sha);
            shas.add(sha);
        }
        return shas;
    }

    /** A lightweight tag {@code name} at {@code sha}. */
    synchronized void tag(String fullName, String name, String sha) {
        repos.get(fullName).refs.put("refs/tags/" + name, sha);
    }

    synchronized List<Issue> openIssues(String fullName) {
        return repos.get(fullName).issues.stream().filter(i -> i.state.equals("open")).toList();
    }

    /** Opens an issue directly (as a person would). */
    synchronized Issue addIssue(String fullName, String title, String body) {
        Issue issue = new Issue();
        issue.number = nextNumber++;
        issue.title = title;
        issue.body = body;
        issue.user = "someone";
        repos.get(fullName).issues.add(issue);
        return issue;
    }

    synchronized void inject(Fault fault) {
        faults.add(fault);
    }

    synchronized List<Request> requests() {
        return List.copyOf(log);
    }

    synchronized void clearLog() {
        log.clear();
    }

    synchronized List<Pull> pulls(String fullName) {
        return List.copyOf(repos.get(fullName).pulls);
    }

    synchronized List<Pull> openPulls(String fullName) {
        return repos.get(fullName).pulls.stream().filter(p -> p.state.equals("open")).toList();
    }

    synchronized Optional<String> ref(String fullName, String branch) {
        return Optional.ofNullable(repos.get(fullName)).map(r -> r.refs.get("refs/heads/" + branch));
    }

    synchronized Repo repo(String fullName) {
        return repos.get(fullName);
    }

    synchronized Commit commit(String sha) {
        return commits.get(sha);
    }

    /** The text of {@code path} in the tree of commit {@code sha}, or null. */
    synchronized String file(String sha, String path) {
        String blob = trees.get(commits.get(sha).tree()).get(path);
        return blob == null ? null : new String(blobs.get(blob), StandardCharsets.UTF_8);
    }

    // --- git objects ---

    private String putBlob(byte[] content) {
        String sha = sha1(("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8), content);
        blobs.put(sha, content);
        return sha;
    }

    private String putTree(Map<String, String> entries) {
        String listing = entries.entrySet().stream().map(e -> "100644 " + e.getKey() + "\0" + e.getValue())
                .collect(Collectors.joining("\n"));
        String sha = sha1(("tree\0" + listing).getBytes(StandardCharsets.UTF_8));
        trees.put(sha, new TreeMap<>(entries));
        return sha;
    }

    private String putCommit(Commit c) {
        String sha = sha1(("commit\0" + c.tree() + c.parents() + c.authorName() + c.authorEmail() + c.date()
                + "\0" + c.message()).getBytes(StandardCharsets.UTF_8));
        commits.put(sha, c);
        return sha;
    }

    private static String sha1(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (byte[] p : parts) {
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- HTTP ---

    /** An answer: status, body (JSON text or null) and extra headers. */
    private record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, JsonNode node) {
            return new Answer(status, node.toString(), Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        // How a client without PATCH sends one (GitHub's endpoints accept POST for PATCH).
        String method = exchange.getRequestMethod().equals("POST") && override != null
                ? override : exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        byte[] body = exchange.getRequestBody().readAllBytes();
        long delay = 0;
        synchronized (this) {
            Fault slow = faults.stream().filter(f -> f.times > 0 && f.delayMillis > 0 && f.method.equals(method)
                    && f.path.matcher(path).matches()).findFirst().orElse(null);
            if (slow != null) {
                slow.times--;
                delay = slow.delayMillis;
            }
        }
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            Fault fault = delay > 0 ? null : faults.stream().filter(f -> f.times > 0 && f.delayMillis == 0
                    && f.method.equals(method) && f.path.matcher(path).matches()).findFirst().orElse(null);
            try {
                if (fault != null && !fault.afterApplying) {
                    answer = faultAnswer(fault);
                } else {
                    answer = route(method, path, query, body, exchange.getRequestHeaders().getFirst("Authorization"));
                    if (fault != null) {
                        answer = faultAnswer(fault);
                    }
                }
            } catch (RuntimeException e) {
                answer = error(500, "fake failed: " + e);
            }
            log.add(new Request(method, path + (query.isEmpty() ? "" : "?" + query), answer.status()));
        }
        templates.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] out = answer.body() == null ? new byte[0]
                : answer.body().replace("https://api.github.com", base)
                        .replaceAll("http://localhost:\\d+", base).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private Answer faultAnswer(Fault fault) {
        fault.times--;
        String text = fault.status == 502 ? "<html><body><h1>502 Bad Gateway</h1></body></html>" : null;
        Map<String, String> headers = new LinkedHashMap<>(fault.headers);
        if (text != null) {
            headers.put("Content-Type", "text/html");
            return new Answer(fault.status, text, headers);
        }
        return new Answer(fault.status, error(fault.status, fault.status == 429 || fault.status == 403
                ? "You have exceeded a secondary rate limit." : "Server Error").body(), headers);
    }

    private static Answer error(int status, String message) {
        ObjectNode node = JSON.createObjectNode().put("message", message)
                .put("documentation_url", "https://docs.github.com/rest");
        return Answer.json(status, node);
    }

    private Answer notFound() {
        return Answer.json(404, templates.notFound);
    }

    private Answer route(String method, String rawPath, String query, byte[] body, String authorization)
            throws IOException {
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        Map<String, String> params = params(query);
        JsonNode in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);

        if (authorization != null && authorization.startsWith("Bearer ") && appKey != null
                && authorization.substring(7).chars().filter(c -> c == '.').count() == 2) {
            return appRoute(method, path, authorization.substring(7));
        }
        String login = authorization == null ? null : tokens.get(authorization.replaceFirst("^(token|Bearer) ", ""));
        if (login == null) {
            return error(401, "Bad credentials");
        }
        if (method.equals("GET") && path.equals("/user")) {
            return Answer.json(200, user(login));
        }
        Matcher m;
        if (method.equals("GET") && (m = match("/users/([^/]+)", path)) != null) {
            return Answer.json(200, user(m.group(1)));
        }
        m = match("/repos/([^/]+)/([^/]+)(/.*)?", path);
        if (m == null) {
            return notFound();
        }
        Repo repo = repos.get(m.group(1) + "/" + m.group(2));
        if (repo == null) {
            return notFound();
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        if (!method.equals("GET") && repo.readOnly) {
            return error(403, "Resource not accessible by personal access token");
        }
        if (rest.isEmpty() && method.equals("GET")) {
            return Answer.json(200, repoJson(repo));
        }
        if (rest.equals("/forks") && method.equals("POST")) {
            return fork(repo, login);
        }
        if ((m = match("/commits/(.+)", rest)) != null && method.equals("GET")) {
            String sha = resolve(repo, m.group(1));
            return sha == null ? error(422, "No commit found for SHA: " + m.group(1))
                    : Answer.json(200, commitJson(repo, sha));
        }
        if ((m = match("/contents/(.+)", rest)) != null && method.equals("GET")) {
            return contents(repo, m.group(1), params.getOrDefault("ref", repo.defaultBranch));
        }
        if ((m = match("/git/refs/(.+)", rest)) != null) {
            return refs(repo, method, "refs/" + m.group(1), in);
        }
        if (rest.equals("/git/refs") && method.equals("POST")) {
            return createRef(repo, in);
        }
        if (rest.equals("/git/trees") && method.equals("POST")) {
            return createTree(repo, in);
        }
        if (rest.equals("/git/commits") && method.equals("POST")) {
            return createCommit(repo, in);
        }
        if (rest.equals("/pulls") && method.equals("GET")) {
            return listPulls(repo, params, rawPath);
        }
        if (rest.equals("/pulls") && method.equals("POST")) {
            return createPull(repo, in, login);
        }
        if ((m = match("/pulls/(\\d+)", rest)) != null) {
            Pull pull = pull(repo, m.group(1));
            if (pull == null) {
                return notFound();
            }
            if (method.equals("PATCH")) {
                if (in.has("title")) {
                    pull.title = in.get("title").asText();
                }
                if (in.has("body")) {
                    pull.body = in.get("body").asText();
                }
                if (in.has("state")) {
                    pull.state = in.get("state").asText();
                }
            }
            return Answer.json(200, pullJson(repo, pull));
        }
        if ((m = match("/pulls/(\\d+)/requested_reviewers", rest)) != null && method.equals("POST")) {
            Pull pull = pull(repo, m.group(1));
            in.withArray("reviewers").forEach(r -> pull.reviewers.add(r.asText()));
            return Answer.json(201, pullJson(repo, pull));
        }
        if ((m = match("/issues/(\\d+)/labels", rest)) != null && method.equals("POST")) {
            Pull pull = pull(repo, m.group(1));
            in.withArray("labels").forEach(l -> {
                if (!pull.labels.contains(l.asText())) {
                    pull.labels.add(l.asText());
                }
            });
            return Answer.json(200, labelsJson(repo, pull.labels));
        }
        if (rest.equals("/issues") && method.equals("GET")) {
            return listIssues(repo, params, rawPath);
        }
        if (rest.equals("/issues") && method.equals("POST")) {
            Issue issue = new Issue();
            issue.number = nextNumber++;
            issue.title = in.path("title").asText();
            issue.body = in.path("body").asText(null);
            issue.user = login;
            repo.issues.add(issue);
            return Answer.json(201, issueJson(repo, issue));
        }
        if ((m = match("/issues/(\\d+)", rest)) != null && issue(repo, m.group(1)) != null) {
            Issue issue = issue(repo, m.group(1));
            if (method.equals("PATCH")) {
                if (in.has("title")) {
                    issue.title = in.get("title").asText();
                }
                if (in.has("body")) {
                    issue.body = in.get("body").asText();
                }
                if (in.has("state")) {
                    issue.state = in.get("state").asText();
                }
            }
            return Answer.json(200, issueJson(repo, issue));
        }
        if ((m = match("/compare/([^.]+(?:\\.[^.]+)*?)\\.\\.\\.(.+)", rest)) != null && method.equals("GET")) {
            return compare(repo, m.group(1), m.group(2));
        }
        if ((m = match("/issues/(\\d+)/comments", rest)) != null) {
            Pull pull = pull(repo, m.group(1));
            if (pull == null) {
                return notFound();
            }
            if (method.equals("POST")) {
                Map<String, String> c = Map.of("id", String.valueOf(nextCommentId++), "body",
                        in.get("body").asText(), "user", login);
                pull.comments.add(c);
                return Answer.json(201, commentJson(repo, pull, c));
            }
            List<JsonNode> all = pull.comments.stream().map(c -> (JsonNode) commentJson(repo, pull, c)).toList();
            return page(all, params, rawPath);
        }
        return notFound();
    }

    private Answer listIssues(Repo repo, Map<String, String> params, String rawPath) {
        String state = params.getOrDefault("state", "open");
        List<Object[]> all = new ArrayList<>(); // number, json: issues and pull requests, newest first
        for (Issue i : repo.issues) {
            if (state.equals("all") || i.state.equals(state)) {
                all.add(new Object[] {i.number, issueJson(repo, i)});
            }
        }
        for (Pull p : repo.pulls) {
            if (state.equals("all") || p.state.equals(state)) {
                ObjectNode asIssue = templates.issue.deepCopy();
                String api = base + "/repos/" + repo.fullName();
                asIssue.put("number", p.number).put("title", p.title).put("body", p.body).put("state", p.state)
                        .put("url", api + "/issues/" + p.number)
                        .put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number);
                asIssue.set("user", user(p.headOwner));
                asIssue.putObject("pull_request").put("url", api + "/pulls/" + p.number)
                        .put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number);
                all.add(new Object[] {p.number, asIssue});
            }
        }
        all.sort((a, b) -> Integer.compare((Integer) b[0], (Integer) a[0]));
        return page(all.stream().map(o -> (JsonNode) o[1]).toList(), params, rawPath);
    }

    /** GitHub's comparison: the commits reachable from head and not from base, oldest first, at most 250. */
    private Answer compare(Repo repo, String baseRef, String headRef) {
        String baseSha = resolve(repo, baseRef);
        String headSha = resolve(repo, headRef);
        if (baseSha == null || headSha == null) {
            return notFound();
        }
        java.util.Set<String> behind = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(baseSha));
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (behind.add(c)) {
                todo.addAll(commits.get(c).parents());
            }
        }
        List<String> ahead = new ArrayList<>();
        for (String c = headSha; c != null && !behind.contains(c); ) {
            ahead.add(0, c);
            List<String> parents = commits.get(c).parents();
            c = parents.isEmpty() ? null : parents.get(0);
        }
        ObjectNode node = templates.compare.deepCopy();
        String api = base + "/repos/" + repo.fullName();
        node.put("url", api + "/compare/" + baseRef + "..." + headRef)
                .put("html_url", "https://github.com/" + repo.fullName() + "/compare/" + baseRef + "..." + headRef)
                .put("status", ahead.isEmpty() ? "identical" : "ahead").put("ahead_by", ahead.size())
                .put("behind_by", 0).put("total_commits", ahead.size());
        node.set("base_commit", commitJson(repo, baseSha));
        node.set("merge_base_commit", commitJson(repo, baseSha));
        ArrayNode list = node.putArray("commits");
        ahead.stream().limit(250).forEach(c -> list.add(commitJson(repo, c)));
        node.putArray("files");
        return Answer.json(200, node);
    }

    private ObjectNode issueJson(Repo repo, Issue i) {
        ObjectNode node = templates.issue.deepCopy();
        String api = base + "/repos/" + repo.fullName();
        node.put("number", i.number).put("id", 2_000_000L + i.number).put("title", i.title).put("body", i.body)
                .put("state", i.state).put("url", api + "/issues/" + i.number)
                .put("repository_url", api)
                .put("comments_url", api + "/issues/" + i.number + "/comments")
                .put("html_url", "https://github.com/" + repo.fullName() + "/issues/" + i.number)
                .put("comments", i.comments.size());
        node.set("user", user(i.user));
        return node;
    }

    private Issue issue(Repo repo, String number) {
        int n = Integer.parseInt(number);
        return repo.issues.stream().filter(i -> i.number == n).findFirst().orElse(null);
    }

    private Answer appRoute(String method, String path, String jwt) {
        if (!validJwt(jwt)) {
            return error(401, "A JSON web token could not be decoded");
        }
        Matcher m;
        if (method.equals("GET") && path.equals("/app")) {
            return Answer.json(200, JSON.createObjectNode().put("id", Long.parseLong(appId))
                    .put("slug", "helm-upgrade-bot").put("name", "helm-upgrade-bot")
                    .set("owner", user("bot-owner")));
        }
        if (method.equals("GET") && (m = match("/repos/([^/]+)/([^/]+)/installation", path)) != null) {
            if (!repos.containsKey(m.group(1) + "/" + m.group(2))) {
                return notFound();
            }
            ObjectNode inst = JSON.createObjectNode().put("id", 4242).put("app_id", Long.parseLong(appId))
                    .put("access_tokens_url", base + "/app/installations/4242/access_tokens")
                    .put("target_type", "Organization");
            inst.set("account", user(m.group(1)));
            return Answer.json(200, inst);
        }
        if (method.equals("POST") && path.equals("/app/installations/4242/access_tokens")) {
            String token = "ghs_" + Long.toHexString(System.nanoTime()) + "installationtoken";
            tokens.put(token, "helm-upgrade-bot[bot]");
            ObjectNode t = JSON.createObjectNode().put("token", token)
                    .put("expires_at", Instant.now().plusSeconds(3600).toString().replaceAll("\\.\\d+Z", "Z"));
            t.set("permissions", JSON.createObjectNode().put("contents", "write").put("pull_requests", "write"));
            return Answer.json(201, t);
        }
        return notFound();
    }

    private boolean validJwt(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(appKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && appId.equals(claims.get("iss").asText())
                    && claims.get("iat").asLong() <= now && claims.get("exp").asLong() > now
                    && claims.get("exp").asLong() - claims.get("iat").asLong() <= 600;
        } catch (Exception e) {
            return false;
        }
    }

    // --- endpoints ---

    private Answer fork(Repo upstream, String login) {
        String name = login + "/" + upstream.name;
        Repo fork = repos.get(name);
        if (fork == null) {
            fork = new Repo(login, upstream.name, upstream.defaultBranch);
            fork.refs.putAll(upstream.refs);
            fork.parent = upstream.fullName();
            repos.put(name, fork);
        }
        return Answer.json(202, repoJson(fork));
    }

    private Answer contents(Repo repo, String filePath, String ref) {
        String sha = resolve(repo, ref);
        if (sha == null) {
            return error(404, "No commit found for the ref " + ref);
        }
        Map<String, String> tree = trees.get(commits.get(sha).tree());
        String blob = tree.get(filePath);
        if (blob == null) {
            boolean isDir = tree.keySet().stream().anyMatch(p -> p.startsWith(filePath + "/"));
            if (isDir) {
                return Answer.json(200, JSON.createArrayNode());
            }
            return notFound();
        }
        byte[] bytes = blobs.get(blob);
        ObjectNode node = templates.contents.deepCopy();
        String name = filePath.substring(filePath.lastIndexOf('/') + 1);
        // GitHub wraps the base64 text at 60 characters.
        String b64 = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes) + "\n";
        node.put("name", name).put("path", filePath).put("sha", blob).put("size", bytes.length)
                .put("content", b64).put("encoding", "base64").put("type", "file")
                .put("url", base + "/repos/" + repo.fullName() + "/contents/" + filePath + "?ref=" + ref)
                .put("git_url", base + "/repos/" + repo.fullName() + "/git/blobs/" + blob)
                .put("html_url", "https://github.com/" + repo.fullName() + "/blob/" + ref + "/" + filePath)
                .put("download_url", "https://raw.githubusercontent.com/" + repo.fullName() + "/" + ref + "/" + filePath);
        node.remove("_links");
        return Answer.json(200, node);
    }

    private Answer refs(Repo repo, String method, String ref, JsonNode in) {
        if (method.equals("GET")) {
            String sha = repo.refs.get(ref);
            if (sha != null) {
                return Answer.json(200, refJson(repo, ref, sha));
            }
            ArrayNode prefixed = JSON.createArrayNode();
            repo.refs.forEach((r, s) -> {
                if (r.startsWith(ref)) {
                    prefixed.add(refJson(repo, r, s));
                }
            });
            return prefixed.isEmpty() ? notFound() : Answer.json(200, prefixed);
        }
        if (method.equals("PATCH")) {
            String current = repo.refs.get(ref);
            if (current == null) {
                return error(422, "Reference does not exist");
            }
            String sha = in.path("sha").asText();
            if (!commits.containsKey(sha)) {
                return error(422, "Object does not exist");
            }
            if (!in.path("force").asBoolean(false) && !isAncestor(current, sha)) {
                return error(422, "Update is not a fast forward");
            }
            repo.refs.put(ref, sha);
            return Answer.json(200, refJson(repo, ref, sha));
        }
        if (method.equals("DELETE")) {
            return repo.refs.remove(ref) == null ? error(422, "Reference does not exist") : new Answer(204, null, Map.of());
        }
        return notFound();
    }

    private Answer createRef(Repo repo, JsonNode in) {
        String ref = in.path("ref").asText();
        String sha = in.path("sha").asText();
        if (!ref.startsWith("refs/") || ref.split("/").length < 3) {
            return error(422, "Reference name must start with 'refs/' and have at least two slashes.");
        }
        if (repo.refs.containsKey(ref)) {
            return error(422, "Reference already exists");
        }
        if (!commits.containsKey(sha)) {
            return error(422, "Object does not exist");
        }
        repo.refs.put(ref, sha);
        return Answer.json(201, refJson(repo, ref, sha));
    }

    private Answer createTree(Repo repo, JsonNode in) {
        Map<String, String> tree = new TreeMap<>();
        if (in.hasNonNull("base_tree")) {
            Map<String, String> baseTree = trees.get(in.get("base_tree").asText());
            if (baseTree == null) {
                return error(422, "base_tree is not a valid tree oid");
            }
            tree.putAll(baseTree);
        }
        for (JsonNode entry : in.withArray("tree")) {
            String p = entry.path("path").asText();
            if (entry.hasNonNull("content")) {
                tree.put(p, putBlob(entry.get("content").asText().getBytes(StandardCharsets.UTF_8)));
            } else if (entry.has("sha") && entry.get("sha").isNull()) {
                tree.remove(p); // GitHub deletes the path when sha is null
            } else if (entry.hasNonNull("sha") && blobs.containsKey(entry.get("sha").asText())) {
                tree.put(p, entry.get("sha").asText());
            } else {
                return error(422, "tree.sha is not a valid blob for path " + p);
            }
        }
        String sha = putTree(tree);
        ObjectNode node = templates.tree.deepCopy();
        node.put("sha", sha).put("url", base + "/repos/" + repo.fullName() + "/git/trees/" + sha);
        ArrayNode entries = node.putArray("tree");
        tree.forEach((p, b) -> entries.addObject().put("path", p).put("mode", "100644").put("type", "blob")
                .put("sha", b).put("size", blobs.get(b).length));
        return Answer.json(201, node);
    }

    private Answer createCommit(Repo repo, JsonNode in) {
        String tree = in.path("tree").asText();
        if (!trees.containsKey(tree)) {
            return error(422, "Tree SHA does not exist");
        }
        List<String> parents = new ArrayList<>();
        for (JsonNode p : in.withArray("parents")) {
            if (!commits.containsKey(p.asText())) {
                return error(422, "Parent SHA does not exist or is not a commit object");
            }
            parents.add(p.asText());
        }
        JsonNode author = in.path("author");
        String date = author.path("date").asText(Instant.now().toString());
        String sha = putCommit(new Commit(tree, parents, author.path("name").asText("someone"),
                author.path("email").asText("someone@example.org"), date, in.path("message").asText()));
        ObjectNode node = templates.gitCommit.deepCopy();
        Commit c = commits.get(sha);
        node.put("sha", sha).put("url", base + "/repos/" + repo.fullName() + "/git/commits/" + sha)
                .put("message", c.message());
        node.set("author", person(c));
        node.set("committer", person(c));
        node.putObject("tree").put("sha", tree).put("url", base + "/repos/" + repo.fullName() + "/git/trees/" + tree);
        ArrayNode ps = node.putArray("parents");
        parents.forEach(p -> ps.addObject().put("sha", p));
        return Answer.json(201, node);
    }

    private Answer listPulls(Repo repo, Map<String, String> params, String rawPath) {
        String state = params.getOrDefault("state", "open");
        String head = params.get("head");
        String baseRef = params.get("base");
        List<JsonNode> found = new ArrayList<>();
        for (Pull p : repo.pulls) {
            if (!state.equals("all") && !p.state.equals(state)) {
                continue;
            }
            if (head != null && !head.equals(p.headOwner + ":" + p.headRef)) {
                continue;
            }
            if (baseRef != null && !baseRef.equals(p.baseRef)) {
                continue;
            }
            found.add(pullJson(repo, p));
        }
        return page(found, params, rawPath);
    }

    private Answer page(List<JsonNode> all, Map<String, String> params, String rawPath) {
        int perPage = Math.min(maxPageSize, Integer.parseInt(params.getOrDefault("per_page", "30")));
        int pageNo = Integer.parseInt(params.getOrDefault("page", "1"));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        ArrayNode out = JSON.createArrayNode();
        all.stream().skip((long) (pageNo - 1) * perPage).limit(perPage).forEach(out::add);
        Map<String, String> headers = new LinkedHashMap<>();
        if (last > 1) {
            List<String> links = new ArrayList<>();
            if (pageNo < last) {
                links.add("<" + pageUrl(rawPath, params, pageNo + 1) + ">; rel=\"next\"");
                links.add("<" + pageUrl(rawPath, params, last) + ">; rel=\"last\"");
            }
            if (pageNo > 1) {
                links.add("<" + pageUrl(rawPath, params, 1) + ">; rel=\"first\"");
                links.add("<" + pageUrl(rawPath, params, pageNo - 1) + ">; rel=\"prev\"");
            }
            headers.put("Link", String.join(", ", links));
        }
        return new Answer(200, out.toString(), headers);
    }

    private String pageUrl(String rawPath, Map<String, String> params, int page) {
        Map<String, String> p = new TreeMap<>(params);
        p.put("page", String.valueOf(page));
        return base + rawPath + "?" + p.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Answer createPull(Repo repo, JsonNode in, String login) {
        String head = in.path("head").asText();
        String headOwner = head.contains(":") ? head.substring(0, head.indexOf(':')) : repo.owner;
        String headRef = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
        String baseRef = in.path("base").asText();
        Repo headRepo = repos.get(headOwner + "/" + repo.name);
        if (headRepo == null || !headRepo.refs.containsKey("refs/heads/" + headRef)) {
            return validation("PullRequest", "head", "invalid");
        }
        if (!repo.refs.containsKey("refs/heads/" + baseRef)) {
            return validation("PullRequest", "base", "invalid");
        }
        for (Pull p : repo.pulls) {
            if (p.state.equals("open") && p.headOwner.equals(headOwner) && p.headRef.equals(headRef)
                    && p.baseRef.equals(baseRef)) {
                ObjectNode node = JSON.createObjectNode().put("message", "Validation Failed")
                        .put("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request");
                node.putArray("errors").addObject().put("resource", "PullRequest").put("code", "custom")
                        .put("message", "A pull request already exists for " + headOwner + ":" + headRef + ".");
                return Answer.json(422, node);
            }
        }
        Pull pull = new Pull();
        pull.number = nextNumber++;
        pull.title = in.path("title").asText();
        pull.body = in.path("body").asText(null);
        pull.headOwner = headOwner;
        pull.headRef = headRef;
        pull.baseRef = baseRef;
        repo.pulls.add(pull);
        return Answer.json(201, pullJson(repo, pull));
    }

    private static Answer validation(String resource, String field, String code) {
        ObjectNode node = JSON.createObjectNode().put("message", "Validation Failed");
        node.putArray("errors").addObject().put("resource", resource).put("field", field).put("code", code);
        return Answer.json(422, node);
    }

    // --- JSON bodies built from the templates ---

    private ObjectNode user(String login) {
        ObjectNode node = templates.user.deepCopy();
        node.put("login", login).put("url", base + "/users/" + login).put("html_url", "https://github.com/" + login)
                .put("type", login.endsWith("[bot]") ? "Bot" : "User");
        return node;
    }

    private ObjectNode repoJson(Repo repo) {
        ObjectNode node = templates.repository.deepCopy();
        String api = base + "/repos/" + repo.fullName();
        node.put("name", repo.name).put("full_name", repo.fullName()).put("url", api)
                .put("html_url", "https://github.com/" + repo.fullName()).put("default_branch", repo.defaultBranch)
                .put("fork", repo.parent != null);
        node.set("owner", user(repo.owner));
        node.remove("organization");
        node.remove("parent");
        node.remove("source");
        node.putObject("permissions").put("admin", false).put("push", !repo.readOnly).put("pull", true);
        return node;
    }

    private ObjectNode refJson(Repo repo, String ref, String sha) {
        ObjectNode node = templates.ref.deepCopy();
        node.put("ref", ref).put("url", base + "/repos/" + repo.fullName() + "/git/" + ref);
        ((ObjectNode) node.get("object")).put("sha", sha).put("type", "commit")
                .put("url", base + "/repos/" + repo.fullName() + "/git/commits/" + sha);
        return node;
    }

    private ObjectNode person(Commit c) {
        return JSON.createObjectNode().put("name", c.authorName()).put("email", c.authorEmail()).put("date", c.date());
    }

    private ObjectNode commitJson(Repo repo, String sha) {
        Commit c = commits.get(sha);
        ObjectNode node = templates.commit.deepCopy();
        String api = base + "/repos/" + repo.fullName();
        node.put("sha", sha).put("url", api + "/commits/" + sha)
                .put("html_url", "https://github.com/" + repo.fullName() + "/commit/" + sha);
        ObjectNode inner = (ObjectNode) node.get("commit");
        inner.set("author", person(c));
        inner.set("committer", person(c));
        inner.put("message", c.message()).put("url", api + "/git/commits/" + sha);
        inner.putObject("tree").put("sha", c.tree()).put("url", api + "/git/trees/" + c.tree());
        ArrayNode ps = node.putArray("parents");
        c.parents().forEach(p -> ps.addObject().put("sha", p).put("url", api + "/commits/" + p));
        node.putArray("files");
        node.remove("author");
        node.remove("committer");
        return node;
    }

    private ObjectNode pullJson(Repo repo, Pull p) {
        ObjectNode node = templates.pull.deepCopy();
        String api = base + "/repos/" + repo.fullName();
        Repo headRepo = repos.get(p.headOwner + "/" + repo.name);
        String headSha = headRepo == null ? null : headRepo.refs.get("refs/heads/" + p.headRef);
        if (headSha != null) {
            p.lastHeadSha = headSha;
        }
        node.put("number", p.number).put("id", 1_000_000L + p.number).put("title", p.title).put("body", p.body)
                .put("state", p.state).put("url", api + "/pulls/" + p.number)
                .put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + p.number)
                .put("issue_url", api + "/issues/" + p.number)
                .put("comments_url", api + "/issues/" + p.number + "/comments")
                .put("comments", p.comments.size());
        ObjectNode head = (ObjectNode) node.get("head");
        head.put("label", p.headOwner + ":" + p.headRef).put("ref", p.headRef).put("sha", p.lastHeadSha);
        head.set("user", user(p.headOwner));
        head.set("repo", headRepo == null ? JSON.nullNode() : repoJson(headRepo));
        ObjectNode baseNode = (ObjectNode) node.get("base");
        baseNode.put("label", repo.owner + ":" + p.baseRef).put("ref", p.baseRef)
                .put("sha", repo.refs.get("refs/heads/" + p.baseRef));
        baseNode.set("user", user(repo.owner));
        baseNode.set("repo", repoJson(repo));
        node.set("labels", labelsJson(repo, p.labels));
        ArrayNode reviewers = node.putArray("requested_reviewers");
        p.reviewers.forEach(r -> reviewers.add(user(r)));
        node.remove("_links");
        return node;
    }

    private ArrayNode labelsJson(Repo repo, List<String> names) {
        ArrayNode out = JSON.createArrayNode();
        JsonNode template = templates.labels.get(0);
        for (String name : names) {
            ObjectNode label = template.deepCopy();
            label.put("name", name).put("url", base + "/repos/" + repo.fullName() + "/labels/" + name);
            out.add(label);
        }
        return out;
    }

    private ObjectNode commentJson(Repo repo, Pull pull, Map<String, String> c) {
        ObjectNode node = JSON.createObjectNode().put("id", Long.parseLong(c.get("id")))
                .put("body", c.get("body"))
                .put("url", base + "/repos/" + repo.fullName() + "/issues/comments/" + c.get("id"))
                .put("html_url", "https://github.com/" + repo.fullName() + "/pull/" + pull.number
                        + "#issuecomment-" + c.get("id"))
                .put("issue_url", base + "/repos/" + repo.fullName() + "/issues/" + pull.number)
                .put("created_at", "2026-01-01T00:00:00Z").put("updated_at", "2026-01-01T00:00:00Z")
                .put("author_association", "NONE");
        node.set("user", user(c.get("user")));
        return node;
    }

    // --- helpers ---

    private Pull pull(Repo repo, String number) {
        int n = Integer.parseInt(number);
        return repo.pulls.stream().filter(p -> p.number == n).findFirst().orElse(null);
    }

    private String resolve(Repo repo, String ref) {
        if (commits.containsKey(ref)) {
            return ref;
        }
        for (String candidate : List.of(ref, "refs/heads/" + ref, "refs/tags/" + ref, "refs/" + ref)) {
            if (repo.refs.containsKey(candidate)) {
                return repo.refs.get(candidate);
            }
        }
        return null;
    }

    private boolean isAncestor(String ancestor, String sha) {
        if (sha.equals(ancestor)) {
            return true;
        }
        Commit c = commits.get(sha);
        return c != null && c.parents().stream().anyMatch(p -> isAncestor(ancestor, p));
    }

    private static Matcher match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.matches() ? m : null;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
