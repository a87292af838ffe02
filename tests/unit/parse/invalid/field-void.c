// 2:17: error: variable or field 'v' declared void
struct S { void v; };
