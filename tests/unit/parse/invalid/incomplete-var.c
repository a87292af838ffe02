// 3:10: error: storage size of 's' isn't known
struct S;
struct S s;
