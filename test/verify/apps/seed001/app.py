# Seed 001's app.py as the article gives it, with one change: the port comes from PORT (default
# the article's) so parallel tests do not collide. The import of os is the other added line.
import os
from flask import Flask, jsonify
import time

app = Flask(__name__)

# Simulate a long startup time (for startup probe example later)
time.sleep(10)

@app.route('/healthz')
def healthz():
    return jsonify({'status': 'ok'}), 200

@app.route('/readyz')
def readyz():
    # Simulate database check or other dependencies
    # In a real application, this would check if the database is accessible
    # and return an error if it isn't.
    return jsonify({'status': 'ready'}), 200


@app.route('/')
def hello_world():
    return "Hello, World!"

if __name__ == '__main__':
    app.run(debug=False, host='0.0.0.0', port=int(os.environ.get('PORT', 8080)))
