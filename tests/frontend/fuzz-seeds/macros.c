#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a ## b
#define VAR(fmt, ...) printf(fmt __VA_OPT__(,) __VA_ARGS__)
#define GNU_VAR(fmt, args...) printf(fmt, ## args)
#define EMPTY
#define LPAREN (
#define F(x) (x + 1)
#if defined(__x86_64__) || defined __aarch64__ || __riscv_xlen == 64
# define BITS 64
#elif __INT_MAX__ > 0x7fff
# define BITS 32
#else
# error "unknown"
#endif
#ifdef BITS
int bits = BITS;
#endif
#undef EMPTY
const char *s = XSTR(CAT(fo, o)) STR( a  "b\n" 'c' );
int v = F(F(F(1))) + CAT(1, 2) + __LINE__ + __COUNTER__;
const char *file = __FILE__;
#pragma GCC diagnostic push
_Pragma("GCC diagnostic ignored \"-Wunused\"")
#line 100 "renamed.c"
int after_line = __LINE__;
#if __has_include(<stddef.h>) && __has_attribute(packed) && !__has_builtin(__nonexistent)
int probes = 1;
#endif
