package io.twinbridge.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests no HTTP client sends: bad percent-encodings, garbage
 * request lines, headers past the server's limits. The connection closes after the answer.
 */
record RawAnswer(int status, String contentType, String body) {
    static RawAnswer exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String fullHead = head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
            try {
                out.write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (SocketException e) {
                // the server may answer and close before it read everything (413): its answer is still there
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            // a reset after the answer (the server closed with unread input): keep what arrived
        }
        return all.toByteArray();
    }

    private static RawAnswer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headEnd < 0) {
            throw new AssertionError("no HTTP answer: '" + text + "'");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String contentType = "";
        boolean chunked = false;
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        String body = text.substring(headEnd + 4);
        return new RawAnswer(status, contentType, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
