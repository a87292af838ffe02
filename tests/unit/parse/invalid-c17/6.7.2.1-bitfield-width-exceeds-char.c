// 1:17: error: width of 'c' exceeds its type
struct S { char c : 9; };
