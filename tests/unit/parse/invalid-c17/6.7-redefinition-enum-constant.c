// 2:10: error: redeclaration of enumerator 'X'
enum A { X };
enum B { X };
