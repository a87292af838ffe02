// 2:21: error: field 't' has incomplete type
struct T;
struct S { struct T t; };
