# Seed 000's app.py as the article gives it, with one change: the port comes from PORT (default
# the article's) so parallel tests do not collide. The import of os is the other added line.
import os
from flask import Flask, jsonify
import time

app = Flask(__name__)

# Simulate a situation where the app needs time to be ready
is_ready = False
time.sleep(5)  # Simulate startup time
is_ready = True

@app.route("/healthz")
def healthz():
    return jsonify({"status": "ok"}), 200

@app.route("/readyz")
def readyz():
    global is_ready
    if is_ready:
        return jsonify({"status": "ready"}), 200
    else:
        return jsonify({"status": "not ready"}), 503

@app.route("/")
def hello_world():
    return "<p>Hello, World!</p>"

if __name__ == '__main__':
    app.run(debug=True, host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))
