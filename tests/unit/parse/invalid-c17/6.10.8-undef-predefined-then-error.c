// 1:9: error: "defined" cannot be used as a macro name
#define defined 1
