package org.helmupgradebot.shared.http;

import java.io.IOException;
import java.io.InputStream;

/** Consumes a streamed response body (e.g. a large Helm index) without holding it in memory. */
@FunctionalInterface
public interface BodyReader<T> {
    T read(InputStream body, HttpReply head) throws IOException;
}
