# A crashy app like seed 002's (the lab's server.py is not in the article): it serves normally for
# CRASH_AFTER seconds, then every request, /health included, answers 500. Flask, run as the
# article's image runs it: `python3 app.py` with no SIGTERM handler of its own.
import os
import time

from flask import Flask

app = Flask(__name__)
started = time.time()
crash_after = float(os.environ.get("CRASH_AFTER", "60"))


def crashed_for():
    return time.time() - started - crash_after


@app.route("/health")
def health():
    if crashed_for() >= 0:
        return "500 Internal Server Error\n", 500
    return "200 OK\n", 200


@app.route("/")
def index():
    if crashed_for() >= 0:
        return f"I crashed {crashed_for():.2f} seconds ago, sorry about that :(\n", 500
    return "But I didn't crash... yet :D\n", 200


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "80")))
