// 1:12: error: '##' cannot appear at either end of a macro expansion
#define M(a) ## a
