"""Runs a fixed set of redis-py calls and prints one line per result, so the transcript from
archlab redis-server can be compared with the one from a real redis-server.
Usage: python3 redispy_transcript.py PORT PROTOCOL(2|3)"""
import sys

import redis

port, protocol = int(sys.argv[1]), int(sys.argv[2])
r = redis.Redis(host="127.0.0.1", port=port, protocol=protocol, socket_timeout=10)


def show(label, call):
    try:
        value = call()
    except redis.ResponseError as error:
        value = "ResponseError: %s" % error
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    print("%s %r" % (label, value))


show("version", lambda: redis.__version__.split(".")[0])
show("flush", lambda: r.flushdb())
show("ping", lambda: r.ping())
show("set", lambda: r.set("greeting", "hello"))
show("get", lambda: r.get("greeting"))
show("get-missing", lambda: r.get("missing"))
show("set-nx", lambda: r.set("greeting", "x", nx=True))
show("set-ex", lambda: r.set("temp", "v", ex=100))
show("ttl", lambda: r.ttl("temp"))
show("incr", lambda: r.incr("counter"))
show("incrby", lambda: r.incrby("counter", 41))
show("incr-wrongtype", lambda: r.incr("greeting"))
show("incrbyfloat", lambda: r.incrbyfloat("float", 1.5))
show("mset", lambda: r.mset({"a": "1", "b": "2"}))
show("mget", lambda: r.mget(["a", "b", "missing"]))
show("hset", lambda: r.hset("h", mapping={"f1": "v1", "f2": "v2"}))
show("hgetall", lambda: r.hgetall("h"))
show("hget-missing", lambda: r.hget("h", "nope"))
show("lpush", lambda: r.lpush("list", "a", "b", "c"))
show("lrange", lambda: r.lrange("list", 0, -1))
show("rpop", lambda: r.rpop("list"))
show("sadd", lambda: r.sadd("set", "x", "y", "z"))
show("smembers", lambda: r.smembers("set"))
show("zadd", lambda: r.zadd("zs", {"one": 1, "two": 2.5}))
show("zrange", lambda: r.zrange("zs", 0, -1, withscores=True))
show("zscore", lambda: r.zscore("zs", "two"))
show("zscore-missing", lambda: r.zscore("zs", "nope"))
show("exists", lambda: r.exists("a", "b", "missing"))
show("type", lambda: r.type("zs"))
show("expire", lambda: r.expire("a", 50))
show("persist", lambda: r.persist("a"))
show("ttl-none", lambda: r.ttl("a"))
show("delete", lambda: r.delete("a", "b", "missing"))
show("dbsize", lambda: r.dbsize())
pipe = r.pipeline(transaction=True)
pipe.set("p", "1").incr("p").get("p")
show("multi-exec", lambda: pipe.execute())
pipe = r.pipeline(transaction=False)
pipe.set("q", "1").get("q").lpush("q", "x")
show("pipeline-error", lambda: pipe.execute(raise_on_error=False))
show("unknown", lambda: r.execute_command("NOSUCHCOMMAND", "a"))
show("flushall", lambda: r.flushall())
