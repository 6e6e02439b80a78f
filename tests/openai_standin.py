"""A local HTTP stand-in for the hosted OpenAI API (unreachable from here), recording requests.

Only /v1/models and /v1/chat/completions (plain and streamed as server-sent events).
`replies` is a queue of (status, body_text) the next requests get; when it is empty the
default reply is used.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StandIn:
    def __init__(self, reply: str = "An answer [1]."):
        self.reply = reply
        self.replies: list[tuple[int, str]] = []
        self.requests: list[dict] = []
        self.delay_s = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                standin.requests.append({"path": self.path, "headers": dict(self.headers)})
                self._send(200, json.dumps({"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]}))

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                standin.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                time.sleep(standin.delay_s)
                status, text = standin.replies.pop(0) if standin.replies else (200, standin.reply)
                if status != 200:
                    self._send(status, json.dumps({"error": {"message": text, "type": "error", "code": status}}))
                elif body.get("stream"):
                    self._stream(text, body["model"])
                else:
                    self._send(200, json.dumps(_completion(text, body["model"])))

            def _send(self, status, payload, ctype="application/json"):
                data = payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text, model):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for i in range(0, len(text), 7):
                    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": {"content": text[i:i + 7]}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")

        return Handler


def _completion(text: str, model: str) -> dict:
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
