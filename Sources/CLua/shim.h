#ifndef ARCHLAB_CLUA_SHIM_H
#define ARCHLAB_CLUA_SHIM_H

/* Lua 5.1 (Debian's liblua5.1-0-dev) for the keyspace's scripting, plus the macros of lua.h as
 * functions Swift can call, and the two places a Lua error may be raised: only from C frames, so
 * that lua_error's longjmp never crosses a Swift frame. */
#include <lua5.1/lua.h>
#include <lua5.1/lauxlib.h>
#include <lua5.1/lualib.h>

/* A Swift callback behind a Lua C function. It returns the number of results it pushed, or -1
 * after pushing the error value that the trampoline then raises. */
typedef int (*archlab_lua_callback)(lua_State *L);

static inline int archlab_lua_trampoline(lua_State *L) {
    archlab_lua_callback callback = (archlab_lua_callback)lua_touserdata(L, lua_upvalueindex(1));
    int results = callback(L);
    if (results < 0) return lua_error(L);
    return results;
}

/* Pushes a C closure running `callback` through the trampoline; `context` is upvalue 2. */
static inline void archlab_lua_pushcallback(lua_State *L, archlab_lua_callback callback, void *context) {
    lua_pushlightuserdata(L, (void *)callback);
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, archlab_lua_trampoline, 2);
}

/* A C function calling the Lua function in its upvalue: a script's `return redis.x()` then keeps the
 * script's frame (Lua 5.1 does not tail-call C functions), so errors name the script's line. */
static inline int archlab_lua_cwrapped(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static inline int archlab_lua_cwrap(lua_State *L) {
    lua_settop(L, 1);
    lua_pushcclosure(L, archlab_lua_cwrapped, 1);
    return 1;
}

static inline void archlab_lua_pushcwrap(lua_State *L) { lua_pushcclosure(L, archlab_lua_cwrap, 0); }

static inline void *archlab_lua_context(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(2)); }

/* The count hook: asks a Swift callback, kept in the registry under a string key, whether the script
 * must stop; when it must (the callback pushed the error and returned -1 or -2), the error is raised,
 * and after -1 the hook fires on every line so that a pcall in the script cannot catch it for good. */
static inline void archlab_lua_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_getfield(L, LUA_REGISTRYINDEX, "archlab_hook");
    archlab_lua_callback callback = (archlab_lua_callback)lua_touserdata(L, -1);
    lua_pop(L, 1);
    int verdict = callback != NULL ? callback(L) : 0;
    if (verdict < 0) {
        if (verdict == -1) lua_sethook(L, archlab_lua_hook, LUA_MASKLINE, 0);
        lua_error(L);
    }
}

static inline void archlab_lua_sethook(lua_State *L, archlab_lua_callback callback, void *context, int count) {
    lua_pushlightuserdata(L, (void *)callback);
    lua_setfield(L, LUA_REGISTRYINDEX, "archlab_hook");
    lua_pushlightuserdata(L, context);
    lua_setfield(L, LUA_REGISTRYINDEX, "archlab_hook_context");
    if (callback != NULL) {
        lua_sethook(L, archlab_lua_hook, LUA_MASKCOUNT, count);
    } else {
        lua_sethook(L, NULL, 0, 0);
    }
}

static inline void *archlab_lua_hookcontext(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, "archlab_hook_context");
    void *context = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return context;
}

static inline void archlab_lua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void archlab_lua_newtable(lua_State *L) { lua_newtable(L); }
static inline int archlab_lua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int archlab_lua_globalsindex(void) { return LUA_GLOBALSINDEX; }
static inline int archlab_lua_multret(void) { return LUA_MULTRET; }
static inline void archlab_lua_setglobal(lua_State *L, const char *name) { lua_setglobal(L, name); }
static inline void archlab_lua_getglobal(lua_State *L, const char *name) { lua_getglobal(L, name); }

#endif
