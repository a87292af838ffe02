// 1:16: error: expected ',' or ')', found "b"
#define M(a, b b
