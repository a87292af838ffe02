/* tscc's <stdnoreturn.h> (C17 7.23). */
#ifndef __TSCC_STDNORETURN_H
#define __TSCC_STDNORETURN_H
#define noreturn _Noreturn
#endif
