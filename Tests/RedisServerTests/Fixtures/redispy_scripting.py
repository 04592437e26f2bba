"""Runs redis-py's scripting calls (eval, evalsha, register_script, script_*, function_*, fcall) and
prints one line per result, so the transcript from archlab redis-server can be compared with a real
redis-server's. Usage: python3 redispy_scripting.py PORT PROTOCOL(2|3)"""
import sys

import redis

port, protocol = int(sys.argv[1]), int(sys.argv[2])
r = redis.Redis(host="127.0.0.1", port=port, protocol=protocol, socket_timeout=10)


def show(label, call):
    try:
        value = call()
    except redis.ResponseError as error:
        value = "ResponseError: %s" % error
    print("%s %r" % (label, value))


show("flush", lambda: r.flushdb())
show("script-flush", lambda: r.script_flush())
show("function-flush", lambda: r.function_flush())
show("eval", lambda: r.eval("return {KEYS[1], ARGV[1], 3, 4.5, true, false}", 1, "k", "v"))
show("eval-call", lambda: r.eval("redis.call('set', KEYS[1], ARGV[1]); return redis.call('get', KEYS[1])", 1, "a", "1"))
show("eval-error", lambda: r.eval("return redis.call('incr', 'nosuch', 'x')", 0))
show("eval-status", lambda: r.eval("return redis.status_reply('FINE')", 0))
sha = r.script_load("return ARGV[1] .. '!'")
show("script-load", lambda: sha)
show("evalsha", lambda: r.evalsha(sha, 0, "hi"))
show("script-exists", lambda: r.script_exists(sha, "0" * 40))
show("evalsha-missing", lambda: r.evalsha("0" * 40, 0))
incr_by = r.register_script("return redis.call('incrby', KEYS[1], ARGV[1])")
show("register-script", lambda: incr_by(keys=["counter"], args=[5]))
show("register-script-again", lambda: incr_by(keys=["counter"], args=[2]))
show("script-flush-again", lambda: r.script_flush())
show("register-script-reloads", lambda: incr_by(keys=["counter"], args=[1]))
show("eval-ro", lambda: r.eval_ro("return redis.call('get', KEYS[1])", 1, "counter"))
show("eval-ro-write", lambda: r.eval_ro("return redis.call('set', KEYS[1], 1)", 1, "counter"))
code = "#!lua name=mylib\nredis.register_function('echo_args', function(keys, args) return {keys[1], args[1]} end)"
show("function-load", lambda: r.function_load(code))
show("function-load-again", lambda: r.function_load(code))
show("function-load-replace", lambda: r.function_load(code, replace=True))
show("fcall", lambda: r.fcall("echo_args", 1, "key", "arg"))
show("fcall-missing", lambda: r.fcall("nope", 0))
show("function-list", lambda: r.function_list())
show("function-delete", lambda: r.function_delete("mylib"))
show("function-flush-end", lambda: r.function_flush())
