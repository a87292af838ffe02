// 3:11: error: redeclaration of enumerator 'A'
enum { A, B };
enum { C, A };
