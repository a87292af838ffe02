// 2:22: error: flexible array member in union
union U { int n; int a[]; };
