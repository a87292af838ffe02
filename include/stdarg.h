/* tscc's <stdarg.h> (C17 7.16). glibc's <stdio.h> asks for only the
   __gnuc_va_list type with __need___va_list. */
#ifndef __GNUC_VA_LIST
#define __GNUC_VA_LIST
typedef __builtin_va_list __gnuc_va_list;
#endif

#ifdef __need___va_list
#undef __need___va_list
#else
#ifndef __TSCC_STDARG_H
#define __TSCC_STDARG_H
#define _STDARG_H
#define _ANSI_STDARG_H_
typedef __gnuc_va_list va_list;
#define _VA_LIST_DEFINED
#define _VA_LIST
#define __va_list__
#if defined(__STDC_VERSION__) && __STDC_VERSION__ > 201710L
#define va_start(ap, ...) __builtin_va_start(ap, 0)
#else
#define va_start(ap, last) __builtin_va_start(ap, last)
#endif
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(dest, src) __builtin_va_copy(dest, src)
#define __va_copy(dest, src) __builtin_va_copy(dest, src)
#endif
#endif
