/*
 * tickloop's page: plays or watches a room through the WebSocket gateway, speaking the binary game protocol
 * of docs/protocol.md (one game frame per binary WebSocket message). No libraries, so it works offline and
 * what it sends is exactly what is written here.
 *
 * Frame: u16 length (header included), u16 type, body; every integer little-endian, as the Java encoders
 * (io.tickloop.protocol.FrameDescriptor and io.tickloop.protocol.game.*) write them.
 */
'use strict';

(function ()
{
    const VERSION = 1;
    const HEADER = 4;
    const T = Object.freeze({
        HELLO: 16, WELCOME: 17, JOIN: 18, JOINED: 19, LEAVE: 20, MOVE: 21, STATE: 22, CHAT: 23,
        HEARTBEAT: 24, KICK: 25, BYE: 26, SPECTATE: 27
    });
    const REASONS = Object.freeze({
        1: 'PEER_CLOSED', 2: 'IO_ERROR', 3: 'FRAME_TOO_SHORT', 4: 'FRAME_TOO_LONG', 5: 'UNEXPECTED_MESSAGE',
        6: 'MALFORMED_MESSAGE', 7: 'SLOW_CONSUMER', 8: 'SERVER_FULL', 9: 'SHUTTING_DOWN', 10: 'FRAME_TIMEOUT',
        11: 'AUTH_TIMEOUT', 12: 'IDLE_TIMEOUT', 13: 'DUPLICATE_NAME', 14: 'ROOM_FULL', 15: 'INTERNAL_ERROR',
        16: 'FLOODING'
    });
    const MAX_NAME_BYTES = 32;
    const MAX_CHAT_BYTES = 256;
    const MAX_ROOM_ID = 0xFFFFFFFF;
    /** World units a MOVE steps; bots walk within 0..999 (loadgen's Bot), so a step is a visible 1% of that. */
    const STEP = 10;
    /** How often a held key sends a MOVE, ms: about the default tick (20 Hz), so no input waits long. */
    const MOVE_EVERY_MS = 50;
    /**
     * How long a key must be held before it repeats, ms, like a keyboard's own repeat delay: a tap is then
     * exactly one step, whenever the repeat timer happens to fire between its keydown and keyup.
     */
    const REPEAT_AFTER_MS = 200;
    /** The server's --world-bound default; a MOVE outside -N..N is a KICK, so the page clamps to it. */
    const DEFAULT_WORLD_BOUND = 1000000;
    const LATENCY_WINDOW = 100;
    const MAX_CHAT_LINES = 200;
    /** The smallest span of world units the view shows, so a lone player is not magnified into a blur. */
    const MIN_VIEW_SPAN = 200;
    /** The span of world units the view shows when it follows the own avatar: 20 steps each side. */
    const FOLLOW_VIEW_SPAN = 400;

    const utf8 = new TextEncoder();
    const utf8Decoder = new TextDecoder('utf-8');
    const $ = (id) => document.getElementById(id);

    const ui = {
        enter: $('enter'), name: $('name'), room: $('room'), join: $('join'), spectate: $('spectate'),
        leave: $('leave'), canvas: $('canvas'), chat: $('chat'), chatInput: $('chat-input'),
        chatSend: $('chat-send'), chatLog: $('chat-log'), status: $('status'), latency: $('latency'),
        tick: $('tick'), touch: $('touch'), viewMode: $('view-mode')
    };
    const context = ui.canvas.getContext('2d');

    /** Everything the page knows; the only mutable state, so what window.tickloop shows is what is drawn. */
    const game = {
        socket: null,
        phase: 'idle',          // idle, connecting, hello, welcomed, joining, in-room, spectating, closed
        wanted: null,           // {mode: 'join' | 'spectate', roomId} to send once WELCOME arrives
        requests: [],           // 'join' or 'spectate' for each JOIN or SPECTATE sent and not yet answered
        name: null,
        playerId: 0,
        tickHz: 0,
        roomId: null,
        playersPresent: 0,
        position: null,         // own {x, y} in the newest STATE (the server's word)
        predicted: null,        // own {x, y} with the inputs not yet applied: where MOVEs step from
        lastState: null,        // {tick, entries: [{playerId, x, y, lastInputSeq}]}
        inputSeq: 0,
        pending: new Map(),     // inputSeq -> performance.now() when sent, until a STATE shows it applied
        latencies: [],          // the last LATENCY_WINDOW input latencies, ms
        lastLatencyMs: null,
        chatLines: [],          // {senderId, name, text, self}
        worldBound: DEFAULT_WORLD_BOUND,
        held: new Map(),        // directions held down ('up', 'down', 'left', 'right') -> performance.now() pressed
        view: null,             // the smoothed {cx, cy, span} the canvas shows
        follow: false           // the view follows the own avatar instead of fitting every player
    };

    // ---- encoding -------------------------------------------------------------------------------------------

    /** A frame of the type with room for the body; the caller fills the body through the DataView. */
    function frame(type, bodyLength)
    {
        const bytes = new ArrayBuffer(HEADER + bodyLength);
        const view = new DataView(bytes);
        view.setUint16(0, HEADER + bodyLength, true);
        view.setUint16(2, type, true);
        return view;
    }

    function encodeHello(nameBytes)
    {
        const view = frame(T.HELLO, 3 + nameBytes.length);
        view.setUint16(4, VERSION, true);
        view.setUint8(6, nameBytes.length);
        new Uint8Array(view.buffer, 7).set(nameBytes);
        return view.buffer;
    }

    /** JOIN and SPECTATE share a layout: u32 roomId. */
    function encodeRoom(type, roomId)
    {
        const view = frame(type, 4);
        view.setUint32(4, roomId, true);
        return view.buffer;
    }

    function encodeMove(inputSeq, x, y, clientTimeNs)
    {
        const view = frame(T.MOVE, 20);
        view.setUint32(4, inputSeq, true);
        view.setInt32(8, x, true);
        view.setInt32(12, y, true);
        view.setBigUint64(16, clientTimeNs, true);
        return view.buffer;
    }

    function encodeChat(textBytes, clientTimeNs)
    {
        const view = frame(T.CHAT, 14 + textBytes.length);
        view.setUint32(4, 0, true); // a client sends senderId 0; the server fills it in
        view.setBigUint64(8, clientTimeNs, true);
        view.setUint16(16, textBytes.length, true);
        new Uint8Array(view.buffer, 18).set(textBytes);
        return view.buffer;
    }

    function encodeBye(reasonCode)
    {
        const view = frame(T.BYE, 2);
        view.setUint16(4, reasonCode, true);
        return view.buffer;
    }

    function nowNs()
    {
        return BigInt(Math.round(performance.now() * 1e6));
    }

    function send(bytes)
    {
        if (game.socket && game.socket.readyState === WebSocket.OPEN)
        {
            game.socket.send(bytes);
            return true;
        }
        return false;
    }

    // ---- decoding -------------------------------------------------------------------------------------------

    /** A message may hold several whole frames (the gateway allows it); each is handled in order. */
    function onMessage(event)
    {
        if (!(event.data instanceof ArrayBuffer))
        {
            systemLine('ignored a text message from the server', true);
            return;
        }
        const view = new DataView(event.data);
        let offset = 0;
        while (offset + HEADER <= view.byteLength)
        {
            const length = view.getUint16(offset, true);
            if (length < HEADER || offset + length > view.byteLength)
            {
                systemLine('a frame of length ' + length + ' does not fit its message; closing', true);
                // a script may close only with 1000 or 3000..4999; 4002 stands for 1002, a protocol error
                game.socket.close(4002, 'bad frame');
                return;
            }
            onFrame(view.getUint16(offset + 2, true), new DataView(event.data, offset, length));
            offset += length;
        }
        if (offset !== view.byteLength && game.socket)
        {
            systemLine('a message ends inside a frame header; closing', true);
            game.socket.close(4002, 'bad frame');
        }
    }

    function onFrame(type, view)
    {
        switch (type)
        {
            case T.WELCOME: return onWelcome(view);
            case T.JOINED: return onJoined(view);
            case T.STATE: return onState(view);
            case T.CHAT: return onChat(view);
            case T.HEARTBEAT: return onHeartbeat(view);
            case T.KICK: return onReason('KICK', view);
            case T.BYE: return onReason('BYE', view);
            default: systemLine('ignored a frame of type ' + type, true);
        }
    }

    function onWelcome(view)
    {
        if (view.byteLength < 10)
        {
            return malformed('WELCOME');
        }
        game.playerId = view.getUint32(4, true);
        game.tickHz = view.getUint16(8, true);
        game.phase = 'welcomed';
        showStatus();
        if (game.wanted)
        {
            enterRoom(game.wanted.mode, game.wanted.roomId);
        }
    }

    function onJoined(view)
    {
        if (view.byteLength !== 10)
        {
            return malformed('JOINED');
        }
        game.roomId = view.getUint32(4, true);
        game.playersPresent = view.getUint16(8, true);
        // JOINED answers JOIN and SPECTATE alike: the oldest request not yet answered says which it was
        const mode = game.requests.length > 0 ? game.requests.shift() : 'join';
        game.phase = mode === 'spectate' ? 'spectating' : 'in-room';
        game.position = null;
        game.predicted = null;
        game.lastState = null;
        game.view = null;
        game.pending.clear();
        showStatus();
        systemLine((game.phase === 'spectating' ? 'watching room ' : 'joined room ') + game.roomId + ' (' +
            game.playersPresent + (game.playersPresent === 1 ? ' player' : ' players') + ' present)');
        if (game.phase === 'in-room')
        {
            ui.canvas.focus();
        }
    }

    function onState(view)
    {
        if (view.byteLength < 14)
        {
            return malformed('STATE');
        }
        const count = view.getUint16(12, true);
        if (view.byteLength !== 14 + 16 * count)
        {
            return malformed('STATE');
        }
        const entries = new Array(count);
        let own = null;
        for (let i = 0, at = 14; i < count; i++, at += 16)
        {
            const entry = {
                playerId: view.getUint32(at, true),
                x: view.getInt32(at + 4, true),
                y: view.getInt32(at + 8, true),
                lastInputSeq: view.getUint32(at + 12, true)
            };
            entries[i] = entry;
            if (entry.playerId === game.playerId)
            {
                own = entry;
            }
        }
        game.lastState = { tick: Number(view.getBigUint64(4, true)), entries: entries };
        if (own && game.phase === 'in-room')
        {
            onOwnEntry(own, performance.now());
        }
        if (game.phase === 'in-room' || game.phase === 'spectating')
        {
            showStatus();
        }
    }

    /**
     * Input latency: from sending MOVE N to the first STATE whose own entry has lastInputSeq >= N. Once the
     * server has applied every input sent, the prediction snaps to its position.
     */
    function onOwnEntry(own, nowMs)
    {
        game.position = { x: own.x, y: own.y };
        for (const [seq, sentMs] of game.pending)
        {
            if (seq > own.lastInputSeq)
            {
                break;
            }
            recordLatency(nowMs - sentMs);
            game.pending.delete(seq);
        }
        if (game.pending.size === 0 || null === game.predicted)
        {
            game.predicted = { x: own.x, y: own.y };
        }
    }

    function recordLatency(ms)
    {
        game.lastLatencyMs = ms;
        game.latencies.push(ms);
        if (game.latencies.length > LATENCY_WINDOW)
        {
            game.latencies.shift();
        }
        const sorted = game.latencies.slice().sort((a, b) => a - b);
        const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        ui.latency.textContent = 'last ' + ms.toFixed(1) + ' ms · p50 ' + at(0.5).toFixed(1) + ' · p99 ' +
            at(0.99).toFixed(1) + ' ms (n=' + sorted.length + ')';
    }

    function onChat(view)
    {
        if (view.byteLength < 18 || view.byteLength !== 18 + view.getUint16(16, true))
        {
            return malformed('CHAT');
        }
        const senderId = view.getUint32(4, true);
        const text = utf8Decoder.decode(new Uint8Array(view.buffer, view.byteOffset + 18, view.byteLength - 18));
        chatLine(senderId, text, false);
    }

    /** The server sends one when the page has been quiet; a client echoes it (docs/protocol.md). */
    function onHeartbeat(view)
    {
        send(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
    }

    function onReason(kind, view)
    {
        const code = view.byteLength >= 6 ? view.getUint16(4, true) : 0;
        const reason = REASONS[code] || ('reason ' + code);
        game.phase = 'closed';
        systemLine(kind + ' ' + reason, true);
        showStatus(kind + ' ' + reason, true);
    }

    function malformed(what)
    {
        systemLine('a malformed ' + what + ' from the server', true);
    }

    // ---- the session ----------------------------------------------------------------------------------------

    /** Join or watch the room in the form: over the open session when the name is the same, else a new one. */
    function start(mode)
    {
        const name = ui.name.value.trim();
        const nameBytes = utf8.encode(name);
        if (nameBytes.length < 1 || nameBytes.length > MAX_NAME_BYTES)
        {
            return showStatus('a name is 1 to ' + MAX_NAME_BYTES + ' bytes of UTF-8', true);
        }
        const roomId = Number(ui.room.value);
        if (!Number.isInteger(roomId) || roomId < 0 || roomId > MAX_ROOM_ID)
        {
            return showStatus('a room id is a whole number from 0 to ' + MAX_ROOM_ID, true);
        }
        game.wanted = { mode: mode, roomId: roomId };
        const open = game.socket && game.socket.readyState === WebSocket.OPEN;
        if (open && name === game.name && ['welcomed', 'in-room', 'spectating'].includes(game.phase))
        {
            enterRoom(mode, roomId);
            return;
        }
        connect(name, nameBytes);
    }

    function enterRoom(mode, roomId)
    {
        if (send(encodeRoom(mode === 'spectate' ? T.SPECTATE : T.JOIN, roomId)))
        {
            game.requests.push(mode);
            game.phase = 'joining';
        }
        showStatus((mode === 'spectate' ? 'asking to watch room ' : 'joining room ') + roomId);
    }

    function connect(name, nameBytes)
    {
        if (game.socket)
        {
            const old = game.socket;
            game.socket = null;
            old.onclose = null;
            old.onmessage = null;
            if (old.readyState === WebSocket.OPEN)
            {
                old.send(encodeBye(1));
            }
            old.close(1000, 'reconnecting');
        }
        if (!location.host)
        {
            return showStatus('open this page from the server (http://host:port/), not from a file', true);
        }
        const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
        let socket;
        try
        {
            socket = new WebSocket(url);
        }
        catch (failure)
        {
            return showStatus('cannot open ' + url + ': ' + failure.message, true);
        }
        socket.binaryType = 'arraybuffer';
        game.socket = socket;
        game.name = name;
        game.phase = 'connecting';
        game.playerId = 0;
        game.roomId = null;
        game.requests = [];
        game.inputSeq = 0;
        game.pending.clear();
        game.lastState = null;
        game.position = null;
        game.predicted = null;
        showStatus('connecting to ' + url);
        socket.onopen = () =>
        {
            game.phase = 'hello';
            socket.send(encodeHello(nameBytes));
            showStatus('saying hello as ' + name);
        };
        socket.onmessage = onMessage;
        socket.onerror = () => systemLine('the connection failed', true);
        socket.onclose = (event) => onClose(socket, event);
    }

    function onClose(socket, event)
    {
        if (socket !== game.socket)
        {
            return;
        }
        const wasKicked = game.phase === 'closed';
        game.phase = 'closed';
        game.held.clear();
        const why = 'connection closed (' + event.code + (event.reason ? ' ' + event.reason : '') + ')';
        systemLine(why, event.code !== 1000);
        if (!wasKicked)
        {
            showStatus(why, event.code !== 1000);
        }
        else
        {
            ui.status.textContent += ', ' + why;
        }
        updateControls();
    }

    function leave()
    {
        if (send(frame(T.LEAVE, 0).buffer))
        {
            game.phase = 'welcomed';
            game.roomId = null;
            game.lastState = null;
            game.position = null;
            game.predicted = null;
            showStatus();
            systemLine('left the room');
        }
    }

    function sendChat()
    {
        const text = ui.chatInput.value;
        const textBytes = utf8.encode(text);
        if (textBytes.length > MAX_CHAT_BYTES)
        {
            return systemLine('a chat line is at most ' + MAX_CHAT_BYTES + ' bytes of UTF-8', true);
        }
        if (game.phase !== 'in-room' || textBytes.length === 0)
        {
            return;
        }
        if (send(encodeChat(textBytes, nowNs())))
        {
            // the server sends a line to every other member, not back: show our own here
            chatLine(game.playerId, text, true);
            ui.chatInput.value = '';
        }
    }

    // ---- moving ---------------------------------------------------------------------------------------------

    const KEYS = Object.freeze({
        ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right',
        w: 'up', s: 'down', a: 'left', d: 'right', W: 'up', S: 'down', A: 'left', D: 'right'
    });

    /**
     * One MOVE: the predicted position plus a step per direction held (for the repeat timer, held at least
     * REPEAT_AFTER_MS), clamped to the world.
     */
    function step(heldSinceMs)
    {
        if (game.phase !== 'in-room' || null === game.predicted || game.held.size === 0)
        {
            return;
        }
        const held = (direction) => game.held.has(direction) && game.held.get(direction) <= heldSinceMs;
        let dx = 0;
        let dy = 0;
        // y grows upward in the world, as the canvas draws it
        if (held('left')) dx -= STEP;
        if (held('right')) dx += STEP;
        if (held('up')) dy += STEP;
        if (held('down')) dy -= STEP;
        if (dx === 0 && dy === 0)
        {
            return;
        }
        const bound = game.worldBound;
        const x = Math.max(-bound, Math.min(bound, game.predicted.x + dx));
        const y = Math.max(-bound, Math.min(bound, game.predicted.y + dy));
        game.inputSeq = (game.inputSeq + 1) >>> 0;
        if (send(encodeMove(game.inputSeq, x, y, nowNs())))
        {
            game.pending.set(game.inputSeq, performance.now());
            if (game.pending.size > 1000)
            {
                game.pending.delete(game.pending.keys().next().value);
            }
            game.predicted = { x: x, y: y };
        }
    }

    function press(direction)
    {
        if (!game.held.has(direction))
        {
            game.held.set(direction, performance.now());
            step(Infinity); // a tap moves at once; holding repeats every MOVE_EVERY_MS after REPEAT_AFTER_MS
        }
    }

    function isTyping(target)
    {
        return target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
    }

    window.addEventListener('keydown', (event) =>
    {
        const direction = KEYS[event.key];
        if (!direction || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
        {
            return;
        }
        event.preventDefault();
        press(direction);
    });
    window.addEventListener('keyup', (event) =>
    {
        const direction = KEYS[event.key];
        if (direction)
        {
            game.held.delete(direction);
        }
    });
    window.addEventListener('blur', () => game.held.clear());
    setInterval(() => step(performance.now() - REPEAT_AFTER_MS), MOVE_EVERY_MS);

    for (const button of ui.touch.querySelectorAll('button'))
    {
        const direction = button.dataset.dir;
        button.addEventListener('pointerdown', (event) =>
        {
            event.preventDefault();
            button.setPointerCapture(event.pointerId);
            press(direction);
        });
        const release = () => game.held.delete(direction);
        button.addEventListener('pointerup', release);
        button.addEventListener('pointercancel', release);
        button.addEventListener('lostpointercapture', release);
    }

    // ---- drawing --------------------------------------------------------------------------------------------

    /**
     * The box to show: following, the own avatar at the centre of FOLLOW_VIEW_SPAN; else every player in the
     * newest STATE and the own prediction, padded, at least MIN_VIEW_SPAN (bots walk 0..999, so a room of bots
     * fills the view and one player alone is not magnified into a blur).
     */
    function targetView()
    {
        if (game.follow && game.predicted && game.phase === 'in-room')
        {
            return { cx: game.predicted.x, cy: game.predicted.y, span: FOLLOW_VIEW_SPAN };
        }
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        const include = (x, y) =>
        {
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        };
        if (game.lastState)
        {
            for (const entry of game.lastState.entries)
            {
                include(entry.x, entry.y);
            }
        }
        if (game.predicted)
        {
            include(game.predicted.x, game.predicted.y);
        }
        if (minX === Infinity)
        {
            return { cx: 0, cy: 0, span: MIN_VIEW_SPAN };
        }
        const span = Math.max(MIN_VIEW_SPAN, (maxX - minX) * 1.15, (maxY - minY) * 1.15);
        return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, span: span };
    }

    /** Ease toward the target so the view does not jump with every STATE; snap when far off. */
    function smoothView()
    {
        const target = targetView();
        const view = game.view;
        if (!view || Math.abs(target.cx - view.cx) > 4 * view.span || Math.abs(target.cy - view.cy) > 4 * view.span)
        {
            game.view = target;
            return target;
        }
        const k = 0.15;
        view.cx += (target.cx - view.cx) * k;
        view.cy += (target.cy - view.cy) * k;
        view.span += (target.span - view.span) * k;
        return view;
    }

    function resizeCanvas()
    {
        const ratio = window.devicePixelRatio || 1;
        const width = Math.max(1, Math.round(ui.canvas.clientWidth * ratio));
        const height = Math.max(1, Math.round(ui.canvas.clientHeight * ratio));
        if (ui.canvas.width !== width || ui.canvas.height !== height)
        {
            ui.canvas.width = width;
            ui.canvas.height = height;
        }
        return ratio;
    }

    function draw()
    {
        const ratio = resizeCanvas();
        const width = ui.canvas.width;
        const height = ui.canvas.height;
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.fillStyle = '#0b0e12';
        context.fillRect(0, 0, width, height);
        const view = smoothView();
        const scale = Math.min(width, height) / view.span;
        const toX = (x) => width / 2 + (x - view.cx) * scale;
        const toY = (y) => height / 2 - (y - view.cy) * scale;
        drawGrid(view, scale, width, height, toX, toY, ratio);

        const entries = game.lastState ? game.lastState.entries : [];
        const labels = entries.length <= 40;
        context.font = Math.round(11 * ratio) + 'px system-ui, sans-serif';
        for (const entry of entries)
        {
            if (entry.playerId === game.playerId && game.phase === 'in-room')
            {
                continue;
            }
            context.fillStyle = '#5fa8ff';
            context.beginPath();
            context.arc(toX(entry.x), toY(entry.y), 4 * ratio, 0, 2 * Math.PI);
            context.fill();
            if (labels)
            {
                context.fillStyle = '#8a96a3';
                context.fillText(String(entry.playerId), toX(entry.x) + 6 * ratio, toY(entry.y) - 6 * ratio);
            }
        }
        if (game.phase === 'in-room' && game.predicted)
        {
            if (game.position && (game.position.x !== game.predicted.x || game.position.y !== game.predicted.y))
            {
                context.strokeStyle = 'rgba(255, 179, 71, 0.45)';
                context.lineWidth = ratio;
                context.beginPath();
                context.arc(toX(game.position.x), toY(game.position.y), 6 * ratio, 0, 2 * Math.PI);
                context.stroke();
            }
            const x = toX(game.predicted.x);
            const y = toY(game.predicted.y);
            context.fillStyle = '#ffb347';
            context.beginPath();
            context.arc(x, y, 7 * ratio, 0, 2 * Math.PI);
            context.fill();
            context.strokeStyle = '#ffffff';
            context.lineWidth = 2 * ratio;
            context.stroke();
            context.fillStyle = '#ffb347';
            context.fillText(game.name + ' (' + game.predicted.x + ', ' + game.predicted.y + ')', x + 10 * ratio,
                y - 10 * ratio);
        }
        context.fillStyle = '#8a96a3';
        const caption = game.lastState ?
            'tick ' + game.lastState.tick + ' · ' + entries.length + (entries.length === 1 ? ' player' : ' players') :
            'no room';
        context.fillText(caption, 8 * ratio, height - 8 * ratio);
        if (null !== game.lastLatencyMs)
        {
            // the corner figure, also on a phone where the panel is below the room
            context.textAlign = 'right';
            context.fillText('input ' + game.lastLatencyMs.toFixed(0) + ' ms', width - 8 * ratio, height - 8 * ratio);
            context.textAlign = 'left';
        }
        requestAnimationFrame(draw);
    }

    /** Grid lines at a round spacing (1, 2 or 5 times a power of ten) about every 80 CSS pixels, and the axes. */
    function drawGrid(view, scale, width, height, toX, toY, ratio)
    {
        const raw = 80 * ratio / scale;
        const power = Math.pow(10, Math.floor(Math.log10(raw)));
        const spacing = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
        const halfX = width / 2 / scale;
        const halfY = height / 2 / scale;
        context.lineWidth = 1;
        context.strokeStyle = '#1c232d';
        context.fillStyle = '#4a5562';
        context.font = Math.round(10 * ratio) + 'px system-ui, sans-serif';
        context.beginPath();
        for (let x = Math.ceil((view.cx - halfX) / spacing) * spacing; x <= view.cx + halfX; x += spacing)
        {
            context.moveTo(toX(x), 0);
            context.lineTo(toX(x), height);
            context.fillText(String(x), toX(x) + 2 * ratio, 12 * ratio);
        }
        for (let y = Math.ceil((view.cy - halfY) / spacing) * spacing; y <= view.cy + halfY; y += spacing)
        {
            context.moveTo(0, toY(y));
            context.lineTo(width, toY(y));
            context.fillText(String(y), 2 * ratio, toY(y) - 2 * ratio);
        }
        context.stroke();
        context.strokeStyle = '#33404f';
        context.beginPath();
        context.moveTo(toX(0), 0);
        context.lineTo(toX(0), height);
        context.moveTo(0, toY(0));
        context.lineTo(width, toY(0));
        context.stroke();
    }

    // ---- the panel ------------------------------------------------------------------------------------------

    function showStatus(text, bad)
    {
        if (undefined === text)
        {
            text = describePhase();
        }
        ui.status.textContent = text;
        ui.status.classList.toggle('bad', !!bad);
        updateControls();
    }

    function describePhase()
    {
        switch (game.phase)
        {
            case 'welcomed': return 'welcome, ' + game.name + ': player ' + game.playerId + ', in no room';
            case 'in-room': return 'in room ' + game.roomId + ' as player ' + game.playerId;
            case 'spectating': return 'watching room ' + game.roomId + ' as spectator (player ' + game.playerId + ')';
            default: return game.phase;
        }
    }

    function updateControls()
    {
        const inRoom = game.phase === 'in-room';
        ui.chatInput.disabled = !inRoom;
        ui.chatSend.disabled = !inRoom;
        ui.chatInput.placeholder = game.phase === 'spectating' ? 'spectators cannot chat' : 'say something';
        ui.leave.disabled = !(inRoom || game.phase === 'spectating');
    }

    function chatLine(senderId, text, self)
    {
        const name = self ? game.name : null;
        game.chatLines.push({ senderId: senderId, name: name, text: text, self: self });
        const item = document.createElement('li');
        item.className = self ? 'self' : '';
        const from = document.createElement('span');
        from.className = 'from';
        from.textContent = (self ? game.name + ' (you)' : 'player ' + senderId) + ': ';
        item.append(from, document.createTextNode(text));
        appendToLog(item);
    }

    function systemLine(text, bad)
    {
        const item = document.createElement('li');
        item.className = bad ? 'system bad' : 'system';
        item.textContent = text;
        appendToLog(item);
    }

    function appendToLog(item)
    {
        const log = ui.chatLog;
        const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        log.append(item);
        while (log.children.length > MAX_CHAT_LINES)
        {
            log.firstElementChild.remove();
        }
        while (game.chatLines.length > MAX_CHAT_LINES)
        {
            game.chatLines.shift();
        }
        if (atBottom)
        {
            log.scrollTop = log.scrollHeight;
        }
    }

    /** GET /stats every second: the server's tick duration. Missing fields show as a dash; a failure says so. */
    function pollStats()
    {
        fetch('/stats', { cache: 'no-store' })
            .then((response) => response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)))
            .then(showStats)
            .catch(() =>
            {
                ui.tick.textContent = 'stats unavailable';
            });
    }

    function showStats(stats)
    {
        const ms = (v) => typeof v === 'number' ? v.toFixed(2) : '–';
        const tick = stats && typeof stats.tickDurationMs === 'object' && stats.tickDurationMs ? stats.tickDurationMs : null;
        const parts = [];
        if (tick)
        {
            parts.push('p50 ' + ms(tick.p50) + ' · p99 ' + ms(tick.p99) + ' · max ' + ms(tick.max) + ' ms');
        }
        else
        {
            parts.push('no ticks');
        }
        const about = [];
        if (stats && typeof stats.tickHz === 'number') about.push(stats.tickHz + ' Hz');
        if (stats && typeof stats.model === 'string') about.push(stats.model);
        if (stats && typeof stats.connections === 'number') about.push(stats.connections + ' connections');
        if (about.length > 0)
        {
            parts.push('(' + about.join(', ') + ')');
        }
        if (stats && typeof stats.worldBound === 'number' && stats.worldBound > 0)
        {
            game.worldBound = stats.worldBound;
        }
        ui.tick.textContent = parts.join(' ');
    }

    // ---- wiring ---------------------------------------------------------------------------------------------

    ui.enter.addEventListener('submit', (event) =>
    {
        event.preventDefault();
        start('join');
    });
    ui.spectate.addEventListener('click', () => start('spectate'));
    ui.leave.addEventListener('click', leave);
    ui.viewMode.addEventListener('click', () =>
    {
        game.follow = !game.follow;
        ui.viewMode.textContent = game.follow ? 'view: follow me' : 'view: fit room';
    });
    ui.chat.addEventListener('submit', (event) =>
    {
        event.preventDefault();
        sendChat();
    });
    ui.canvas.addEventListener('pointerdown', () => ui.canvas.focus());
    window.addEventListener('beforeunload', () =>
    {
        if (game.socket && game.socket.readyState === WebSocket.OPEN)
        {
            game.socket.send(encodeBye(1));
        }
    });

    const copy = (p) => p ? { x: p.x, y: p.y } : null;
    /** Read-only debugging hooks (the browser test reads them): copies, so nothing outside changes the game. */
    window.tickloop = Object.freeze({
        get playerId() { return game.playerId; },
        get position() { return copy(game.position); },
        get predicted() { return copy(game.predicted); },
        get lastState()
        {
            return game.lastState ? {
                tick: game.lastState.tick,
                entries: game.lastState.entries.map((e) => Object.assign({}, e))
            } : null;
        },
        get chatLines() { return game.chatLines.map((line) => Object.assign({}, line)); },
        get phase() { return game.phase; },
        get roomId() { return game.roomId; },
        get inputSeq() { return game.inputSeq; },
        get latencies() { return game.latencies.slice(); }
    });

    if (!ui.name.value)
    {
        ui.name.value = 'web-' + Math.floor(Math.random() * 100000);
    }
    updateControls();
    pollStats();
    setInterval(pollStats, 1000);
    requestAnimationFrame(draw);
})();
