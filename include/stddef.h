/* tscc's <stddef.h> (C17 7.19, C23 additions).
   glibc's headers ask for single definitions with __need_size_t, __need_NULL,
   __need_wchar_t, __need_wint_t, __need_ptrdiff_t; honour that protocol:
   when any __need_ macro is set, define only what was asked and stop. */

#if !defined(__need_size_t) && !defined(__need_NULL) && !defined(__need_wchar_t) && \
    !defined(__need_wint_t) && !defined(__need_ptrdiff_t) && !defined(__need_max_align_t)
#define __tscc_stddef_all 1
#define __need_size_t
#define __need_NULL
#define __need_wchar_t
#define __need_ptrdiff_t
#define __need_max_align_t
#endif

#if defined(__need_size_t) && !defined(__tscc_size_t_defined)
#define __tscc_size_t_defined
#define _SIZE_T
#define _SIZE_T_DEFINED
#define __SIZE_T
typedef __SIZE_TYPE__ size_t;
#endif
#undef __need_size_t

#if defined(__need_ptrdiff_t) && !defined(__tscc_ptrdiff_t_defined)
#define __tscc_ptrdiff_t_defined
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#undef __need_ptrdiff_t

#if defined(__need_wchar_t) && !defined(__tscc_wchar_t_defined)
#define __tscc_wchar_t_defined
#define _WCHAR_T
#define _WCHAR_T_DEFINED
#define __WCHAR_T
typedef __WCHAR_TYPE__ wchar_t;
#endif
#undef __need_wchar_t

#if defined(__need_wint_t) && !defined(__tscc_wint_t_defined)
#define __tscc_wint_t_defined
#define _WINT_T
typedef __WINT_TYPE__ wint_t;
#endif
#undef __need_wint_t

#if defined(__need_NULL)
#undef NULL
#define NULL ((void *)0)
#endif
#undef __need_NULL

#if defined(__need_max_align_t) && !defined(__tscc_max_align_t_defined) && \
    (!defined(__STDC_VERSION__) || __STDC_VERSION__ >= 201112L || defined(__tscc_stddef_all))
#define __tscc_max_align_t_defined
/* gcc's definition: the strictest of long long and long double. */
typedef struct {
  long long __max_align_ll __attribute__((__aligned__(__alignof__(long long))));
  long double __max_align_ld __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif
#undef __need_max_align_t

#if defined(__tscc_stddef_all)
#undef __tscc_stddef_all
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L && !defined(__tscc_nullptr_t_defined)
#define __tscc_nullptr_t_defined
typedef typeof(nullptr) nullptr_t;
#define unreachable() (__builtin_unreachable())
#define __STDC_VERSION_STDDEF_H__ 202311L
#endif
#endif
