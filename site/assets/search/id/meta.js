naskahSearch.meta("id",{"chunk":200,"docs":4,"shards":1});
