// 1:14: error: expected ')' after "..."
#define M(..., a) a
