// glibc's allocator controls (mallopt), for AllocatorPolicy in WalkshedFormats.
#include <malloc.h>
