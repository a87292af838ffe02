// 1:12: error: '#' is not followed by a macro parameter
#define M(a) #b
