// 2:23: error: duplicate member 'a'
struct S { int a; int a; };
