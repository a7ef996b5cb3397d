#!/usr/bin/env python3
"""A read-only GitHub stand-in on loopback for .ci/cold-start: answers the three calls a dry run makes
(repository, branch head commit, file contents) from one folder, with bodies shaped like the recorded
GitHub answers in the fixtures (github-api/GHTreeBuilderTest). Prints its port, then serves until killed.
Usage: github-standin.py FIXTURES OWNER/NAME FOLDER"""
import base64
import copy
import hashlib
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

fixtures, full_name, folder = sys.argv[1], sys.argv[2], sys.argv[3]
recorded = os.path.join(fixtures, "github-api/GHTreeBuilderTest/wiremock/testAdd/__files")


def template(name):
    with open(os.path.join(recorded, name)) as f:
        return json.load(f)


REPOSITORY = template("2-r_h_ghtreebuildertest.json")
COMMIT = template("16-r_h_g_commits_46672530.json")
CONTENTS = template("12-r_h_g_contents_app_runsh.json")
SHA = "0123456789abcdef0123456789abcdef01234567"
TREE = "89abcdef0123456789abcdef0123456789abcdef"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-RateLimit-Limit", "5000")
        self.send_header("X-RateLimit-Remaining", "4999")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        base = "http://127.0.0.1:%d" % self.server.server_port
        url = urlsplit(self.path)
        prefix = "/repos/" + full_name
        if not url.path.startswith(prefix):
            return self.answer(404, {"message": "Not Found"})
        rest = url.path[len(prefix):]
        if rest == "":
            repo = copy.deepcopy(REPOSITORY)
            repo.update(full_name=full_name, name=full_name.split("/")[1], default_branch="main",
                        url=base + prefix, html_url="https://github.com/" + full_name)
            repo["owner"]["login"] = full_name.split("/")[0]
            return self.answer(200, repo)
        if rest.startswith("/commits/"):
            commit = copy.deepcopy(COMMIT)
            commit.update(sha=SHA, url=base + prefix + "/commits/" + SHA, files=[])
            commit["commit"]["tree"] = {"sha": TREE, "url": base + prefix + "/git/trees/" + TREE}
            return self.answer(200, commit)
        if rest.startswith("/contents/"):
            path = rest[len("/contents/"):]
            file = os.path.normpath(os.path.join(folder, path))
            if not file.startswith(os.path.normpath(folder) + os.sep) or not os.path.isfile(file):
                return self.answer(404, {"message": "Not Found"})
            with open(file, "rb") as f:
                data = f.read()
            ref = parse_qs(url.query).get("ref", ["main"])[0]
            content = copy.deepcopy(CONTENTS)
            content.update(name=os.path.basename(path), path=path, size=len(data), type="file", encoding="base64",
                           sha=hashlib.sha1(data).hexdigest(), content=base64.encodebytes(data).decode(),
                           url=base + prefix + "/contents/" + path + "?ref=" + ref)
            return self.answer(200, content)
        return self.answer(404, {"message": "Not Found"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()
