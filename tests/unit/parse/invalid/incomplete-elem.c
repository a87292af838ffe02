// 3:10: error: array type has incomplete element type 'struct T'
struct T;
struct T arr[3];
