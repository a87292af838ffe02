// 1:14: error: duplicate macro parameter "a"
#define M(a, a) a
