package io.tickloop.server.gateway;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The page in a real browser: headless Chromium joins a room through the gateway, moves with the arrow keys,
 * shows a chat line from a TCP player in the same room, watches the room as a spectator, and shows the BYE and
 * the close code when the server shuts down. The server is
 * started through the public API ({@code ServerFixture} is package-private to {@code io.tickloop.server}), under
 * {@code selector}: the gateway's own tests cover every model, this one covers the page. Skips, with one line
 * saying what to install, where Chromium and its driver are not installed (the page's protocol code is checked
 * here, not by a JS runner).
 * With {@code -Dtickloop.screenshot=true} it saves its screenshot as docs/images/page.png.
 */
class BrowserPageTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int ROOM = 7;

    /** The browser, for a failed wait to say what the page showed. */
    private WebDriver page;

    @Test
    void shouldJoinMoveWithTheArrowKeysAndShowAChatFromATcpPlayer() throws Exception
    {
        final boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        final String missing =
            "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver";
        if (!installed)
        {
            System.out.println("browser page test skipped: " + missing); // the console says why, not only the report
        }
        Assumptions.assumeTrue(installed, missing);
        final ServerConfig config = ServerOptions.parse("--bind", "127.0.0.1", "--port", "0", "--ws-port", "0");
        final Server server = SocketModel.SELECTOR.create(config, new GameService(GameOptions.parse(), config));
        WebDriver browser = null;
        try
        {
            server.start();
            final InetSocketAddress game = server.localAddress();
            browser = startBrowser();
            page = browser;
            browser.get("http://127.0.0.1:" + server.webSocketAddress().getPort() + "/");
            final WebElement name = browser.findElement(By.id("name"));
            name.clear();
            name.sendKeys("browser");
            final WebElement room = browser.findElement(By.id("room"));
            room.clear();
            room.sendKeys(Integer.toString(ROOM));
            browser.findElement(By.id("join")).click();
            final WebDriver driver = browser;
            await(() -> text(driver, "status").startsWith("in room " + ROOM + " as player "), "joined");
            final long playerId = ((Number)script(browser, "return window.tickloop.playerId")).longValue();
            assertEquals("in room " + ROOM + " as player " + playerId, text(browser, "status"));
            await(() -> null != script(driver, "return window.tickloop.position"), "a STATE with the avatar");
            final Map<?, ?> start = (Map<?, ?>)script(browser, "return window.tickloop.position");

            final WebElement canvas = browser.findElement(By.id("canvas"));
            new Actions(browser).click(canvas).sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ARROW_RIGHT)
                .sendKeys(Keys.ARROW_UP).perform();
            final long x = ((Number)start.get("x")).longValue() + 20;
            final long y = ((Number)start.get("y")).longValue() + 10;
            await(() -> isAt(driver, playerId, x, y), "the avatar at " + x + "," + y + " in STATE");
            await(() -> text(driver, "latency").startsWith("last "), "an input latency shown");
            new Actions(browser).keyDown(Keys.ARROW_DOWN).pause(Duration.ofMillis(600)).keyUp(Keys.ARROW_DOWN)
                .perform();
            await(() -> Boolean.TRUE.equals(script(driver, "const t = window.tickloop, p = t.position;" +
                "return p.x === " + x + " && p.y <= " + (y - 30) + " && p.y === t.predicted.y;")),
                "a held key repeating its step, every MOVE applied");

            try (SocketChannel tcp = SocketChannel.open(game))
            {
                final int tcpPlayerId = helloAndJoin(tcp);
                final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
                write(tcp, out, new MoveEncoder().wrap(out, 0).inputSeq(1).position(60, -40).frameLength());
                write(tcp, out, new ChatEncoder().wrap(out, 0).clientTimeNs(1).text("hello from tcp").frameLength());
                await(() -> text(driver, "chat-log").contains("player " + tcpPlayerId + ": hello from tcp"),
                    "the TCP player's chat in #chat-log");
                await(() -> isAt(driver, tcpPlayerId, 60, -40), "the TCP player in the page's STATE");
                saveScreenshot(browser);

                browser.findElement(By.id("spectate")).click();
                await(() -> text(driver, "status").startsWith("watching room " + ROOM), "watching");
                await(() -> isAt(driver, tcpPlayerId, 60, -40) && !isAt(driver, playerId, x, y),
                    "a STATE without the spectator, with the TCP player");
            }
            server.close();
            // on shutdown the gateway sends the BYE, then a close frame going away (docs/architecture.md)
            await(() -> text(driver, "status").matches("BYE SHUTTING_DOWN, connection closed \\(1001.*"),
                "the server's BYE and the close (1001) in #status");
            System.out.println("the page at shutdown: " + text(browser, "status"));
        }
        finally
        {
            if (null != browser)
            {
                browser.quit();
            }
            server.close();
        }
    }

    private static WebDriver startBrowser()
    {
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        return new ChromeDriver(service, options);
    }

    /**
     * @return true when the page's newest STATE has the player at x, y.
     */
    private static boolean isAt(final WebDriver browser, final long playerId, final long x, final long y)
    {
        final Object state = script(browser, "const s = window.tickloop.lastState;" +
            "const own = s && s.entries.find(e => e.playerId === " + playerId + ");" +
            "return own ? [own.x, own.y] : null;");
        if (!(state instanceof java.util.List<?> xy))
        {
            return false;
        }
        return ((Number)xy.get(0)).longValue() == x && ((Number)xy.get(1)).longValue() == y;
    }

    /**
     * HELLO and JOIN over TCP, as a bot would.
     *
     * @return the player id WELCOME gave.
     */
    private static int helloAndJoin(final SocketChannel tcp) throws IOException
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);
        int length = new HelloEncoder().wrap(out, 0).version(GameProtocol.VERSION).name("tcp-player").frameLength();
        length += new JoinEncoder().wrap(out, length).roomId(ROOM).frameLength();
        write(tcp, out, length);
        int playerId = -1;
        while (true)
        {
            final UnsafeBuffer frame = readFrame(tcp);
            final int type = FrameDescriptor.frameType(frame, 0);
            if (type == GameProtocol.WELCOME)
            {
                playerId = new WelcomeDecoder().wrap(frame, 0, frame.capacity()).playerId();
            }
            else if (type == GameProtocol.JOINED)
            {
                return playerId;
            }
            else if (type != GameProtocol.STATE && type != GameProtocol.HEARTBEAT)
            {
                fail("the TCP player got " + GameProtocol.name(type));
            }
        }
    }

    private static void write(final SocketChannel tcp, final UnsafeBuffer out, final int length) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(out.byteArray(), 0, length);
        while (bytes.hasRemaining())
        {
            tcp.write(bytes);
        }
    }

    private static UnsafeBuffer readFrame(final SocketChannel tcp) throws IOException
    {
        final ByteBuffer header = readExactly(tcp, ByteBuffer.allocate(FrameDescriptor.HEADER_LENGTH));
        final int length = FrameDescriptor.frameLength(new UnsafeBuffer(header.array()), 0);
        final ByteBuffer frame = ByteBuffer.allocate(length).put(header.flip());
        return new UnsafeBuffer(readExactly(tcp, frame).array());
    }

    private static ByteBuffer readExactly(final SocketChannel tcp, final ByteBuffer into) throws IOException
    {
        while (into.hasRemaining())
        {
            if (tcp.read(into) < 0)
            {
                throw new IOException("the server closed after " + into.position() + " bytes");
            }
        }
        return into;
    }

    private static Object script(final WebDriver browser, final String script)
    {
        return ((JavascriptExecutor)browser).executeScript(script);
    }

    private static String text(final WebDriver browser, final String id)
    {
        return browser.findElement(By.id(id)).getText();
    }

    /** Poll with a deadline: the page acts on its own time (WebSocket messages, animation frames). */
    private void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("waited " + DEADLINE.toSeconds() + " s for " + what + (null == page ? "" :
                    "; #status: " + text(page, "status") + "; #chat-log: " + text(page, "chat-log")));
            }
            Thread.sleep(20);
        }
    }

    /** docs/images/page.png when asked for (it is committed); otherwise under target/, to look at after a run. */
    private static void saveScreenshot(final WebDriver browser) throws IOException
    {
        final Path to = Boolean.getBoolean("tickloop.screenshot") ?
            Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "docs", "images", "page.png") :
            Path.of("target", "page.png");
        Files.createDirectories(to.getParent());
        final Path shot = ((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, to, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("the page's screenshot: " + to.toAbsolutePath().normalize());
    }
}
