package io.tickloop.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A raw WebSocket client for tests, written from RFC 6455 and nothing else, so that it can send what a correct
 * client never would (unmasked frames, reserved bits, bad fragments) and read the server's frames byte by byte.
 */
final class WebSocketTestClient implements AutoCloseable
{
    private final TestClient client;

    /** A frame from the server. */
    record Frame(boolean fin, int opcode, byte[] payload)
    {
        int closeCode()
        {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private WebSocketTestClient(final TestClient client)
    {
        this.client = client;
    }

    /**
     * Connect and upgrade: checks the 101 and its Sec-WebSocket-Accept.
     */
    static WebSocketTestClient upgrade(final InetSocketAddress address) throws Exception
    {
        final TestClient client = TestClient.connect(address);
        final byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        final String key = Base64.getEncoder().encodeToString(nonce);
        client.write(("GET /ws HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort() +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
            "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        final String head = readHead(client);
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        final String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
            (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(head.contains("\r\nSec-WebSocket-Accept: " + accept + "\r\n"), head);
        assertFalse(head.toLowerCase().contains("sec-websocket-extensions"), "no extension is agreed: " + head);
        return new WebSocketTestClient(client);
    }

    /**
     * @return a response's head, read a byte at a time up to the empty line.
     */
    static String readHead(final TestClient client) throws IOException
    {
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            head.append((char)(client.readExactly(1)[0] & 0xFF));
        }
        return head.toString();
    }

    /**
     * A whole response: its head, then a body of its Content-Length.
     */
    static String readResponse(final TestClient client) throws IOException
    {
        final String head = readHead(client);
        final int at = head.toLowerCase().indexOf("content-length: ");
        final int length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 16, head.indexOf('\r', at)).trim());
        return head + new String(client.readExactly(length), StandardCharsets.UTF_8);
    }

    void sendBinary(final byte[] payload) throws IOException
    {
        send(0x82, payload, true);
    }

    /**
     * @param firstByte FIN, RSV1-3 and the opcode, as they go on the wire.
     * @param payload the payload, masked here with a random key when asked.
     * @param masked whether to set the mask bit and mask.
     */
    void send(final int firstByte, final byte[] payload, final boolean masked) throws IOException
    {
        client.write(frame(firstByte, payload, masked));
    }

    static byte[] frame(final int firstByte, final byte[] payload, final boolean masked)
    {
        final int extended = payload.length <= 125 ? 0 : payload.length <= 0xFFFF ? 2 : 8;
        final ByteBuffer frame = ByteBuffer.allocate(2 + extended + (masked ? 4 : 0) + payload.length);
        frame.put((byte)firstByte);
        final int maskBit = masked ? 0x80 : 0;
        if (extended == 0)
        {
            frame.put((byte)(maskBit | payload.length));
        }
        else if (extended == 2)
        {
            frame.put((byte)(maskBit | 126)).putShort((short)payload.length);
        }
        else
        {
            frame.put((byte)(maskBit | 127)).putLong(payload.length);
        }
        final byte[] mask = new byte[4];
        if (masked)
        {
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
        }
        for (int i = 0; i < payload.length; i++)
        {
            frame.put((byte)(payload[i] ^ mask[i & 3]));
        }
        return frame.array();
    }

    void write(final byte[] bytes) throws IOException
    {
        client.write(bytes);
    }

    Frame read() throws IOException
    {
        final byte[] start = client.readExactly(2);
        assertEquals(0, start[1] & 0x80, "a server never masks");
        assertEquals(0, start[0] & 0x70, "no reserved bit without an extension");
        long length = start[1] & 0x7F;
        if (length == 126)
        {
            length = ByteBuffer.wrap(client.readExactly(2)).getShort() & 0xFFFF;
        }
        else if (length == 127)
        {
            length = ByteBuffer.wrap(client.readExactly(8)).getLong();
        }
        return new Frame((start[0] & 0x80) != 0, start[0] & 0x0F, client.readExactly((int)length));
    }

    /**
     * @return the code of the server's close frame, skipping the messages before it (a KICK); then checks the
     * server closes the connection.
     */
    int expectClose() throws IOException
    {
        Frame frame;
        do
        {
            frame = read();
        }
        while (frame.opcode() != 0x8);
        assertTrue(client.awaitClosedByServer(), "the server closes after its close frame");
        return frame.closeCode();
    }

    boolean awaitClosedByServer() throws IOException
    {
        return client.awaitClosedByServer();
    }

    @Override
    public void close() throws IOException
    {
        client.close();
    }
}
