#ifndef ARCHLAB_CPREFETCH_H
#define ARCHLAB_CPREFETCH_H

/* A software prefetch hint for Swift, which has no prefetch of its own: asks the CPU to bring the
   cache line holding `address` into every cache level ahead of a read. It never faults. */
static inline void archlab_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
