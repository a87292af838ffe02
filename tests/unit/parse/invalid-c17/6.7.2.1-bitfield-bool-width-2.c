// 1:18: error: width of 'b' exceeds its type
struct S { _Bool b : 2; };
