"""Pub/sub and blocking pops through redis-py, one line per result, so the transcript from
archlab redis-server can be compared with the one from a real redis-server.
Usage: python3 redispy_blocking_pubsub.py PORT PROTOCOL(2|3)"""
import sys
import threading
import time

import redis

port, protocol = int(sys.argv[1]), int(sys.argv[2])
r = redis.Redis(host="127.0.0.1", port=port, protocol=protocol, socket_timeout=10)
other = redis.Redis(host="127.0.0.1", port=port, protocol=protocol, socket_timeout=10)


def show(label, value):
    print("%s %r" % (label, value))


def wait_blocked(count):
    for _ in range(1000):
        if other.info("clients")["blocked_clients"] == count:
            return
        time.sleep(0.005)
    raise SystemExit("never saw %d blocked clients" % count)


r.flushdb()
show("blpop-ready", (other.rpush("q", "a"), r.blpop(["q"], timeout=1)))
show("blpop-timeout", r.blpop(["none"], timeout=0.05))
show("bzpopmin-timeout", r.bzpopmin(["none"], timeout=0.05))

results = {}
waiter = threading.Thread(target=lambda: results.update(pop=r.blpop(["later", "q2"], timeout=5)))
waiter.start()
wait_blocked(1)
show("push", other.rpush("q2", "x", "y"))
waiter.join()
show("blpop-served", results["pop"])

waiter = threading.Thread(target=lambda: results.update(move=r.blmove("src", "dst", 5, "LEFT", "RIGHT")))
waiter.start()
wait_blocked(1)
other.rpush("src", "m")
waiter.join()
show("blmove-served", (results["move"], other.lrange("dst", 0, -1)))

waiter = threading.Thread(target=lambda: results.update(z=r.bzpopmax(["z"], timeout=5)))
waiter.start()
wait_blocked(1)
other.zadd("z", {"low": 1, "high": 2.5})
waiter.join()
show("bzpopmax-served", results["z"])
show("lmpop", (other.rpush("l", 1, 2, 3), r.lmpop(1, "l", direction="RIGHT", count=2)))
show("zmpop", r.zmpop(1, ["z"], min=True))

p = r.pubsub()
p.subscribe("news")
p.psubscribe("n*")
show("subscribed", [p.get_message(timeout=1) for _ in range(2)])
show("publish", other.publish("news", "hello"))
show("message", p.get_message(timeout=1))
show("pmessage", p.get_message(timeout=1))
show("numsub", other.pubsub_numsub("news", "none"))
show("numpat", other.pubsub_numpat())
show("channels", other.pubsub_channels())
p.unsubscribe("news")
p.punsubscribe("n*")
show("unsubscribed", [p.get_message(timeout=1) for _ in range(2)])
p.close()
show("numsub-after", other.pubsub_numsub("news"))
