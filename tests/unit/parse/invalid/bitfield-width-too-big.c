// 2:16: error: width of 'a' exceeds its type
struct S { int a : 40; };
