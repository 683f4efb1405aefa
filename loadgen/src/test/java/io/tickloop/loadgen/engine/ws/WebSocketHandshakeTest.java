package io.tickloop.loadgen.engine.ws;

import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketHandshakeTest
{
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @Test
    void shouldComputeTheAcceptKeyOfRfc6455Section13()
    {
        assertEquals(RFC_ACCEPT, WebSocketDescriptor.acceptKey(RFC_KEY));
    }

    @Test
    void shouldAskForAnUpgradeWithA16ByteKeyAndVersion13()
    {
        final WebSocketHandshake handshake = WebSocketHandshake.withRandomKey(new Random(7));
        final String request = new String(handshake.request("127.0.0.1:8080", "/ws"), StandardCharsets.US_ASCII);

        assertEquals(16, Base64.getDecoder().decode(handshake.key()).length);
        assertTrue(request.startsWith("GET /ws HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: 127.0.0.1:8080\r\n"), request);
        assertTrue(request.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Key: " + handshake.key() + "\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Version: 13\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n"), request);
        assertNotEquals(handshake.key(), WebSocketHandshake.withRandomKey(new Random(8)).key());
    }

    @Test
    void shouldOpenOnTheRfcResponseAndLeaveTheFramesAfterIt()
    {
        final byte[] response = (rfcResponse() + "\u0082\u0001x").getBytes(StandardCharsets.ISO_8859_1);
        final WebSocketHandshake handshake = new WebSocketHandshake(RFC_KEY);

        final int taken = handshake.onBytes(new UnsafeBuffer(response), 0, response.length);

        assertEquals(response.length - 3, taken);
        assertEquals(null, handshake.failure());
    }

    @Test
    void shouldOpenOnAResponseSplitAtEveryByte()
    {
        final byte[] response = rfcResponse().getBytes(StandardCharsets.ISO_8859_1);
        final WebSocketHandshake handshake = new WebSocketHandshake(RFC_KEY);
        final UnsafeBuffer buffer = new UnsafeBuffer(response);
        for (int i = 0; i < response.length - 1; i++)
        {
            assertEquals(WebSocketHandshake.INCOMPLETE, handshake.onBytes(buffer, i, 1), "byte " + i);
        }
        assertEquals(1, handshake.onBytes(buffer, response.length - 1, 1));
    }

    @Test
    void shouldTakeHeaderNamesAndTokensInAnyCase()
    {
        assertEquals(null, failure("HTTP/1.1 101 Switching Protocols\r\nUPGRADE: WebSocket\r\n" +
            "connection: keep-alive, upgrade\r\nsec-websocket-accept: " + RFC_ACCEPT + "\r\n\r\n"));
    }

    @Test
    void shouldFailAResponseThatIsNot101()
    {
        assertEquals("the server answered \"HTTP/1.1 404 Not Found\", not 101 Switching Protocols",
            failure("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void shouldFailAtOnceAnAnswerThatIsNotHttp()
    {
        final WebSocketHandshake handshake = new WebSocketHandshake(RFC_KEY);
        final byte[] kick = {0x07, 0x00, 0x19, 0x00, 0x05, 0x00, 0x00};

        assertEquals(WebSocketHandshake.FAILED, handshake.onBytes(new UnsafeBuffer(kick), 0, kick.length));
        assertEquals("the server's answer is not HTTP: 7 bytes, starting 07 00 19 00 05 00 00", handshake.failure());
        final byte[] partOfHttp = "HTT".getBytes(StandardCharsets.US_ASCII);
        assertEquals(WebSocketHandshake.INCOMPLETE,
            new WebSocketHandshake(RFC_KEY).onBytes(new UnsafeBuffer(partOfHttp), 0, partOfHttp.length));
    }

    @Test
    void shouldFailAWrongAcceptKey()
    {
        final String failure = failure(rfcResponse().replace(RFC_ACCEPT, WebSocketDescriptor.acceptKey("other")));
        assertTrue(failure.contains("Sec-WebSocket-Accept"), failure);
    }

    @Test
    void shouldFailAMissingUpgradeOrConnection()
    {
        assertTrue(failure(rfcResponse().replace("Upgrade: websocket\r\n", "")).contains("Upgrade: null"));
        assertTrue(failure(rfcResponse().replace("Connection: Upgrade\r\n", "Connection: close\r\n"))
            .contains("Connection: close"));
    }

    @Test
    void shouldFailAnExtensionItDidNotAskFor()
    {
        final String failure = failure(rfcResponse().replace("\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
        assertTrue(failure.contains("permessage-deflate"), failure);
    }

    @Test
    void shouldFailAHeaderBlockOver8KiB()
    {
        final WebSocketHandshake handshake = new WebSocketHandshake(RFC_KEY);
        final byte[] statusLine = "HTTP/1.1 101 Switching Protocols\r\nX-Long: ".getBytes(StandardCharsets.US_ASCII);
        assertEquals(WebSocketHandshake.INCOMPLETE,
            handshake.onBytes(new UnsafeBuffer(statusLine), 0, statusLine.length));
        final UnsafeBuffer chunk = new UnsafeBuffer(new byte[1000]);
        chunk.setMemory(0, 1000, (byte)'a');
        int result = WebSocketHandshake.INCOMPLETE;
        for (int i = 0; i < 9 && result == WebSocketHandshake.INCOMPLETE; i++)
        {
            result = handshake.onBytes(chunk, 0, 1000);
        }
        assertEquals(WebSocketHandshake.FAILED, result);
        assertTrue(handshake.failure().contains("8192"), handshake.failure());
    }

    @Test
    void shouldSayWhenTheServerClosedBeforeAnswering()
    {
        final WebSocketHandshake handshake = new WebSocketHandshake(RFC_KEY);
        assertEquals("the server closed the connection without a response", handshake.onEndOfStream());

        final WebSocketHandshake halfway = new WebSocketHandshake(RFC_KEY);
        final byte[] part = "HTTP/1.1 101 Switching Protocols\r\nUpg".getBytes(StandardCharsets.US_ASCII);
        halfway.onBytes(new UnsafeBuffer(part), 0, part.length);
        assertTrue(halfway.onEndOfStream().endsWith("HTTP/1.1 101 Switching Protocols"), halfway.failure());
    }

    private static String failure(final String response)
    {
        final WebSocketHandshake handshake = new WebSocketHandshake(RFC_KEY);
        final byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        final int result = handshake.onBytes(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(result == WebSocketHandshake.FAILED, null != handshake.failure());
        return handshake.failure();
    }

    private static String rfcResponse()
    {
        return "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n" +
            "\r\n";
    }
}
