// 3:7: error: 'S' defined as wrong kind of tag
struct S { int a; };
union S u;
