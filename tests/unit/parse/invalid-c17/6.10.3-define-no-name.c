// 1:8: error: no macro name given in #define directive
#define
