// 1:16: error: redeclaration of enumerator 'A'
enum E { A, B, A };
